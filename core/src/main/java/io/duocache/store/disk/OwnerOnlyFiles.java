package io.duocache.store.disk;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.duocache.DuocacheException;

/**
 * Creates and checks the disk store's folders and files so that only the application's own user can
 * read or change them: folders {@code rwx------} and files {@code rw-------} from the moment they
 * exist, whatever the umask. A folder owned by another user, or a parent under the temporary
 * directory that another user could replace, is refused; a folder of the application's own user
 * that is open to others is tightened, with a warning. On a file system without POSIX permissions
 * nothing can be enforced and a warning says so.
 */
final class OwnerOnlyFiles {

	private static final Log logger = LogFactory.getLog(OwnerOnlyFiles.class);

	private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
			PosixFilePermission.OTHERS_WRITE);

	private final Path root;

	private final Path temporaryDirectory;

	private final boolean posix;

	private final UserPrincipal user;

	/**
	 * Prepares the checks of one store folder.
	 * @param root the store's folder, as configured
	 * @param temporaryDirectory the machine's shared temporary directory
	 */
	OwnerOnlyFiles(Path root, Path temporaryDirectory) {
		this.root = root.toAbsolutePath().normalize();
		this.temporaryDirectory = temporaryDirectory.toAbsolutePath().normalize();
		FileSystem fileSystem = this.root.getFileSystem();
		this.posix = fileSystem.supportedFileAttributeViews().contains("posix");
		this.user = currentUser(fileSystem);
	}

	/**
	 * Makes the store's folder ready: checks the parents another user could have prepared, creates
	 * what is missing owner-only, and checks or tightens the folder itself.
	 * @throws DuocacheException if another user owns or may replace the folder or a parent of it
	 */
	void prepareRoot() throws IOException {
		if (!this.posix) {
			logger.warn("The disk store's folder " + this.root + " (duocache.persist.directory) is on a file system "
					+ "without POSIX permissions, so Duocache cannot make it readable by this user only: restrict it "
					+ "with the file system's own access lists. Entries stay signed, so an entry changed by anyone "
					+ "else is never served.");
			Files.createDirectories(this.root);
			return;
		}
		Deque<Path> missing = new ArrayDeque<>();
		Path existing = this.root;
		while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
			missing.push(existing);
			existing = existing.getParent();
		}
		Path parent = this.root.equals(existing) ? this.root.getParent() : existing;
		for (; parent != null && isBelowTemporaryDirectory(parent); parent = parent.getParent()) {
			checkParent(parent);
		}
		while (!missing.isEmpty()) {
			createFolder(missing.pop());
		}
		prepareFolder(this.root);
	}

	/**
	 * Makes a folder of the store ready: creates it owner-only if missing, else checks that this user
	 * owns it and tightens it if others may read or enter it.
	 * @param folder a folder inside the store's folder
	 * @throws DuocacheException if another user owns it
	 */
	void prepareFolder(Path folder) throws IOException {
		if (!this.posix) {
			Files.createDirectories(folder);
			return;
		}
		if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
			createFolder(folder);
			return;
		}
		if (!Files.isDirectory(folder)) {
			throw refused(folder, "is not a folder", "delete it");
		}
		checkOwner(folder);
		tighten(folder, FOLDER);
	}

	/**
	 * Checks that a file of the store (its signing key) belongs to this user, tightening it to
	 * {@code rw-------} if others may read it.
	 * @param file the file
	 * @throws DuocacheException if another user owns it
	 */
	void checkFile(Path file) throws IOException {
		if (!this.posix) {
			return;
		}
		checkOwner(file);
		tighten(file, FILE);
	}

	/** Sets this user's own folder or file to owner-only if others may reach it, saying so. */
	private static void tighten(Path path, Set<PosixFilePermission> ownerOnly) throws IOException {
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
		if (!permissions.equals(ownerOnly)) {
			logger.warn("The disk store's " + (Files.isDirectory(path) ? "folder " : "file ") + path + " was "
					+ PosixFilePermissions.toString(permissions) + ", so other users could read what it keeps; it is "
					+ "now " + PosixFilePermissions.toString(ownerOnly) + ".");
			Files.setPosixFilePermissions(path, ownerOnly);
		}
	}

	/**
	 * Returns the attributes that create a file readable and writable by this user only.
	 * @return the attributes to pass when creating a file
	 */
	FileAttribute<?>[] fileAttributes() {
		return this.posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE) }
				: new FileAttribute<?>[0];
	}

	private void createFolder(Path folder) throws IOException {
		Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
		// The umask may have taken bits away from the owner; the folder is still empty here.
		Files.getFileAttributeView(folder, PosixFileAttributeView.class).setPermissions(FOLDER);
	}

	private void checkParent(Path parent) throws IOException {
		checkOwner(parent);
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(parent);
		if (permissions.stream().anyMatch(OTHERS_WRITE::contains)) {
			throw refused(parent, "is " + PosixFilePermissions.toString(permissions) + ", so other users could "
					+ "replace what is in it", "make it writable by its owner only (chmod go-w " + parent + ")");
		}
	}

	private void checkOwner(Path path) throws IOException {
		UserPrincipal owner = Files.getOwner(path);
		UserPrincipal linkOwner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
		if (!owner.equals(this.user) || !linkOwner.equals(this.user)) {
			UserPrincipal other = owner.equals(this.user) ? linkOwner : owner;
			String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
			throw refused(path, "is owned by " + other.getName() + " (" + permissions + "), not by "
					+ this.user.getName() + " who runs this application, so that user could read and replace cached "
					+ "entries", "delete it, or point duocache.persist.directory at a folder of this user's own, for "
					+ "example /var/cache/<application>");
		}
	}

	private boolean isBelowTemporaryDirectory(Path path) {
		return path.startsWith(this.temporaryDirectory) && !path.equals(this.temporaryDirectory);
	}

	private DuocacheException refused(Path path, String problem, String fix) {
		String which = path.equals(this.root) ? "" : ", or a folder in its path,";
		return new DuocacheException("The disk store will not keep entries in " + this.root
				+ " (duocache.persist.directory): " + path + which + " " + problem + ". To fix this, " + fix + ".");
	}

	/** Returns the user this process runs as, as the file system names owners. */
	private static UserPrincipal currentUser(FileSystem fileSystem) {
		try {
			return fileSystem.getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			return ownerOfNewFile();
		}
	}

	private static UserPrincipal ownerOfNewFile() {
		try {
			Path probe = Files.createTempFile("duocache-owner", ".tmp");
			try {
				return Files.getOwner(probe);
			}
			finally {
				Files.deleteIfExists(probe);
			}
		}
		catch (IOException ex) {
			throw new DuocacheException("The disk store cannot tell which user this process runs as: " + ex, ex);
		}
	}

}
