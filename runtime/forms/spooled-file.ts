// Where an uploaded file's bytes live while the request is handled: in memory up to a
// threshold (Werkzeug's SpooledTemporaryFile, 500 KiB), then in a temp file.
//
// The temp file is unlinked right after it is created (as Python's TemporaryFile does), so it
// is reachable only through the open descriptor: nothing is left on disk when the request
// ends, fails, is aborted, or the process is killed. Its name is random
// (crypto.randomUUID) and created with O_EXCL and mode 0600: the client's filename is never
// a path (the formidable CVE-2025-46653 lesson).
import { randomUUID } from "node:crypto";
import { open, unlink, type FileHandle } from "node:fs/promises";
import { unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";

// Disk writes are batched to about this many bytes per writev call.
const WRITE_BATCH = 256 * 1024;

// Paths that could not be unlinked while open (Windows without delete sharing); removed when
// closed, or at exit as a last resort.
const undeletedPaths = new Set<string>();
let exitHookInstalled = false;

function rememberUndeleted(path: string): void {
  undeletedPaths.add(path);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const leftover of undeletedPaths) {
      try {
        unlinkSync(leftover);
      } catch {
        // already gone
      }
    }
  });
}

async function writeAll(handle: FileHandle, buffers: Uint8Array[]): Promise<void> {
  let { bytesWritten } = await handle.writev(buffers);
  const total = buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  // writev may write less than asked; finish the rest one buffer at a time.
  if (bytesWritten === total) return;
  for (const buffer of buffers) {
    if (bytesWritten >= buffer.byteLength) {
      bytesWritten -= buffer.byteLength;
      continue;
    }
    let offset = bytesWritten;
    bytesWritten = 0;
    while (offset < buffer.byteLength) {
      const written = await handle.write(buffer, offset, buffer.byteLength - offset);
      offset += written.bytesWritten;
    }
  }
}

/**
 * Memory shared by the in-memory files of one request. Werkzeug keeps up to 500 KiB of every
 * file in memory, so 1000 small file parts could hold 500 MB; here, once the request's files
 * hold `limit` bytes, further content goes to temp files whatever each file's size.
 */
export class SpoolBudget {
  used = 0;
  constructor(readonly limit: number) {}
}

/** Counts open temp files, for tests and the bench (a leak shows up here). */
export function openTempFileCount(): number {
  return SpooledFile.openFiles;
}

export class SpooledFile {
  static openFiles = 0;

  size = 0;
  private memory: Buffer[] = [];
  private handle: FileHandle | null = null;
  private path: string | null = null;
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  private closed = false;

  constructor(
    private readonly threshold: number,
    private readonly budget: SpoolBudget = new SpoolBudget(Infinity),
  ) {}

  /** True once the content moved to a temp file. */
  get onDisk(): boolean {
    return this.handle !== null;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.closed) throw new Error("wz: write to a closed upload");
    this.size += chunk.byteLength;
    if (this.handle === null) {
      // Copied: the caller's chunk may be a view of a buffer it reuses.
      this.memory.push(Buffer.from(chunk));
      this.budget.used += chunk.byteLength;
      // Like SpooledTemporaryFile: exactly `threshold` bytes still stay in memory.
      if (this.size > this.threshold || this.budget.used > this.budget.limit) await this.rollover();
      return;
    }
    this.batch.push(chunk);
    this.batchBytes += chunk.byteLength;
    if (this.batchBytes >= WRITE_BATCH) await this.flush();
  }

  /** Writes what is batched; call once the last chunk is written. */
  async end(): Promise<void> {
    await this.flush();
  }

  private async rollover(): Promise<void> {
    const path = join(tmpdir(), `wz-upload-${randomUUID()}`);
    this.handle = await open(path, "wx+", 0o600);
    SpooledFile.openFiles += 1;
    try {
      await unlink(path);
    } catch {
      this.path = path;
      rememberUndeleted(path);
    }
    this.batch = this.memory;
    this.batchBytes = this.size;
    this.memory = [];
    this.budget.used -= this.size;
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.handle === null || this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    await writeAll(this.handle, batch);
  }

  /** A new stream over the whole content, from the first byte. */
  createReadStream(): Readable {
    if (this.closed) throw new Error("wz: this upload was closed when its request ended");
    if (this.handle === null) return Readable.from(this.memory, { objectMode: false });
    return this.handle.createReadStream({ start: 0, end: Math.max(0, this.size - 1), autoClose: false, emitClose: false }) as unknown as Readable;
  }

  async bytes(): Promise<Buffer> {
    if (this.closed) throw new Error("wz: this upload was closed when its request ended");
    if (this.handle === null) return Buffer.concat(this.memory, this.size);
    const out = Buffer.allocUnsafe(this.size);
    let offset = 0;
    while (offset < this.size) {
      const { bytesRead } = await this.handle.read(out, offset, this.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return out.subarray(0, offset);
  }

  /** Frees the memory or closes (and so deletes) the temp file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.handle === null) this.budget.used -= this.size;
    this.memory = [];
    this.batch = [];
    const handle = this.handle;
    this.handle = null;
    if (handle === null) return;
    SpooledFile.openFiles -= 1;
    await handle.close().catch(() => {});
    if (this.path !== null) {
      await unlink(this.path).catch(() => {});
      undeletedPaths.delete(this.path);
    }
  }
}
