/**
 * What netdoctor may do on the box it diagnoses, as one interface: run an argv, stream an
 * argv's lines, hold a long-lived argv that answers lines (mtr-packet), read a file, list a
 * directory, find a tool, say who and where it is. Everything is argv words and paths, never
 * Node's child_process: `LOCAL_ACCESS` is this machine; a remote box (the same argv run over
 * ssh) implements the same interface, and everything built on it (snapshots, probes' ports,
 * src/wiring/host.ts) works there unchanged.
 */
import { hostIdentity, type HostIdentity } from './host.js';
import { runCommand, type CommandOutput, type RunOptions } from './run.js';
import { streamLines, type StreamOptions, type StreamedProcess } from './stream.js';
import { openLineChannel, type PacketChannel, type PacketChannelExit } from './mtr-packet.js';
import {
  readDirectory,
  readTextFile,
  readTextFileBounded,
  type DirectoryListing,
  type FileRead,
} from './files.js';
import { findExecutable } from './tools.js';
import { runAll, type RunAllOptions } from './run-all.js';
import { identifyNetns } from './netns-identify.js';

export type { CommandOutput, RunOptions, RunAllOptions, StreamOptions, StreamedProcess, FileRead };
export type { DirectoryListing, HostIdentity, PacketChannel, PacketChannelExit };

export interface ReadOptions {
  /** The most bytes read (default: files.ts USER_FILE_MAX_BYTES). */
  readonly maxBytes?: number;
  /**
   * What a larger file gives: false (the default) a record whose error says it is too large;
   * true its first `maxBytes`, with `truncated` set (a config a person wrote can be anything).
   */
  readonly cut?: boolean;
}

export interface HostAccess {
  /** Which box, in words for a person: "this host", "root@192.0.2.1". */
  readonly label: string;
  /**
   * Runs argv to its end and records what happened; never throws for anything the command
   * did (run.ts states the contract). The argv is run as is, without a shell.
   */
  run(argv: readonly string[], options?: RunOptions): Promise<CommandOutput>;
  /**
   * Runs several argv side by side, each recorded as `run` records it, in the order given.
   * Optional: without it they are `run` one by one, all at once. This machine starts them
   * through one sh (run-all.ts): a child of node costs a fork of all of node.
   */
  runAll?(argvs: readonly (readonly string[])[], options: RunAllOptions): Promise<CommandOutput[]>;
  /**
   * What `ip netns identify` prints, trimmed (undefined: no name). Optional: without it the
   * snapshot runs `ip netns identify`. This machine reads it in-process (netns-identify.ts).
   */
  netnsName?(): Promise<string | undefined>;
  /** Starts argv and streams its lines while it runs; throws ToolMissing when not installed. */
  stream(argv: readonly string[], options: StreamOptions): Promise<StreamedProcess>;
  /**
   * Starts argv that reads request lines on stdin and answers on stdout until closed
   * (mtr-packet); throws ToolMissing when not installed.
   */
  openChannel(
    argv: readonly string[],
    onLine: (line: string) => void,
    onExit: (exit: PacketChannelExit) => void,
  ): Promise<PacketChannel>;
  /** Reads a text file (regular files only, bounded); never throws: the record says why not. */
  readFile(path: string, options?: ReadOptions): Promise<FileRead>;
  /** The names in a directory, sorted, bounded; never throws: `error` says why not. */
  listDirectory(path: string, maxNames?: number): Promise<DirectoryListing>;
  /** Where an executable is on the box (PATH and the sbin directories), or null. */
  which(program: string): Promise<string | null>;
  /** The box's name, kernel, and the user id netdoctor runs as there. */
  identity(): Promise<HostIdentity>;
}

/** This machine: the processes run and the files read by this process. */
export const LOCAL_ACCESS: HostAccess = {
  label: 'this host',
  run: runCommand,
  stream: streamLines,
  openChannel: openLineChannel,
  readFile: async (path, options = {}) =>
    options.cut && options.maxBytes !== undefined
      ? readTextFileBounded(path, options.maxBytes)
      : readTextFile(path, options.maxBytes),
  listDirectory: readDirectory,
  which: findExecutable,
  identity: async () => hostIdentity(),
  runAll,
  netnsName: async () => identifyNetns(),
};
