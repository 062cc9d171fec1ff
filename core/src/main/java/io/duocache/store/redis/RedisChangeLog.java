package io.duocache.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.ReturnType;

import io.duocache.store.SharedChangeLog;

import static io.duocache.store.redis.RedisLayout.bytes;

/**
 * The shared change log in Redis: a position counter and a list of the latest changes, in one slot,
 * appended to and read by scripts so that a position always names the changes before it. Each append
 * publishes {@code position|changes} on the invalidation channel, so the other instances look.
 */
final class RedisChangeLog implements SharedChangeLog {

	/** How many changes the log keeps: an entry older than that is read back as a miss. */
	static final int CAPACITY = 10_000;

	private final RedisCommands commands;

	private final RedisLayout layout;

	RedisChangeLog(RedisCommands commands, RedisLayout layout) {
		this.commands = commands;
		this.layout = layout;
	}

	@Override
	public long position() {
		byte[] position = this.commands.read(bytes(this.layout.changePosition())).get(0);
		return (position != null) ? Long.parseLong(new String(position, StandardCharsets.UTF_8)) : 0;
	}

	@Override
	public void append(List<String> changes) {
		byte[][] args = new byte[4 + changes.size()][];
		args[0] = bytes(this.layout.changePosition());
		args[1] = bytes(this.layout.changeLog());
		args[2] = bytes(this.layout.channel());
		args[3] = bytes(Integer.toString(CAPACITY));
		for (int i = 0; i < changes.size(); i++) {
			args[4 + i] = bytes(changes.get(i));
		}
		this.commands.execute((connection) -> RedisScripts.run(connection, RedisScripts.APPEND_CHANGES,
				ReturnType.INTEGER, 2, args));
	}

	@Override
	public @Nullable Changes since(long position) {
		List<Object> read = this.commands.execute((connection) -> RedisScripts.run(connection,
				RedisScripts.CHANGES_SINCE, ReturnType.MULTI, 2, bytes(this.layout.changePosition()),
				bytes(this.layout.changeLog()), bytes(Long.toString(position))));
		long now = Long.parseLong(text(read.get(0)));
		if (now < 0) {
			return null;
		}
		List<String> changes = new ArrayList<>(read.size() - 1);
		for (int i = 1; i < read.size(); i++) {
			changes.add(text(read.get(i)));
		}
		return new Changes(changes, now);
	}

	private static String text(Object reply) {
		return (reply instanceof byte[] raw) ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(reply);
	}

}
