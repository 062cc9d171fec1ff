package io.duocache.code;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;

/**
 * Reads every method of a class into its canonical instruction bytes.
 */
final class CodeCollector extends ClassVisitor {

	private final String className;

	private final Map<String, CodeHasher.MethodCode> methods = new HashMap<>();

	CodeCollector(String className) {
		super(SpringAsmInfo.ASM_VERSION);
		this.className = className;
	}

	Map<String, CodeHasher.MethodCode> methods() {
		return Map.copyOf(this.methods);
	}

	@Override
	public MethodVisitor visitMethod(int access, String name, String descriptor, @Nullable String signature,
			String @Nullable [] exceptions) {
		return new InstructionWriter(name + descriptor, access);
	}

	/** Writes each instruction as opcode and operands; labels become their order of appearance. */
	private final class InstructionWriter extends MethodVisitor {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final DataOutputStream out = new DataOutputStream(this.bytes);

		private final Map<Label, Integer> labels = new IdentityHashMap<>();

		private final Set<String> callees = new LinkedHashSet<>();

		private final String signature;

		private final int access;

		InstructionWriter(String signature, int access) {
			super(SpringAsmInfo.ASM_VERSION);
			this.signature = signature;
			this.access = access;
		}

		@Override
		public void visitInsn(int opcode) {
			write(opcode);
		}

		@Override
		public void visitIntInsn(int opcode, int operand) {
			write(opcode, operand);
		}

		@Override
		public void visitVarInsn(int opcode, int varIndex) {
			write(opcode, varIndex);
		}

		@Override
		public void visitTypeInsn(int opcode, String type) {
			write(opcode, type);
		}

		@Override
		public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
			write(opcode, owner, name, descriptor);
		}

		@Override
		public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
			write(opcode, owner, name, descriptor);
			if (owner.equals(CodeCollector.this.className)) {
				this.callees.add(name + descriptor);
			}
		}

		@Override
		public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
			write(0x1000, name, descriptor);
			constant(bootstrap);
			for (Object argument : arguments) {
				constant(argument);
			}
		}

		@Override
		public void visitJumpInsn(int opcode, Label label) {
			write(opcode, label(label));
		}

		@Override
		public void visitLabel(Label label) {
			write(0x1001, label(label));
		}

		@Override
		public void visitLdcInsn(Object value) {
			write(0x1002);
			constant(value);
		}

		@Override
		public void visitIincInsn(int varIndex, int increment) {
			write(0x1003, varIndex, increment);
		}

		@Override
		public void visitTableSwitchInsn(int min, int max, Label defaultLabel, Label... targets) {
			write(0x1004, min, max, label(defaultLabel));
			for (Label target : targets) {
				write(label(target));
			}
		}

		@Override
		public void visitLookupSwitchInsn(Label defaultLabel, int[] keys, Label[] targets) {
			write(0x1005, label(defaultLabel));
			for (int i = 0; i < keys.length; i++) {
				write(keys[i], label(targets[i]));
			}
		}

		@Override
		public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
			write(0x1006, descriptor);
			write(dimensions);
		}

		@Override
		public void visitTryCatchBlock(Label start, Label end, Label handler, @Nullable String type) {
			write(0x1007, label(start), label(end), label(handler));
			write(0x1008, (type != null) ? type : "");
		}

		@Override
		public void visitEnd() {
			CodeCollector.this.methods.put(this.signature, new CodeHasher.MethodCode(this.bytes.toByteArray(),
					List.copyOf(this.callees), CodeHasher.MethodCode.isFollowed(this.access)));
		}

		private int label(Label label) {
			return this.labels.computeIfAbsent(label, (ignored) -> this.labels.size());
		}

		private void constant(Object value) {
			if (value instanceof Handle handle) {
				write(0x2000 + handle.getTag(), handle.getOwner(), handle.getName(), handle.getDesc());
				if (handle.getOwner().equals(CodeCollector.this.className)) {
					this.callees.add(handle.getName() + handle.getDesc());
				}
			}
			else if (value instanceof Type type) {
				write(0x2100, type.getDescriptor());
			}
			else {
				write(0x2200, value.getClass().getName(), String.valueOf(value));
			}
		}

		private void write(int opcode, Object... operands) {
			try {
				this.out.writeInt(opcode);
				for (Object operand : operands) {
					if (operand instanceof Integer number) {
						this.out.writeInt(number);
					}
					else {
						this.out.writeUTF(operand.toString());
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
