/**
 * Typed errors raised at the OS boundary. Each one carries a message that a person can act
 * on in one line (what is wrong, and the command that fixes it), so the CLI prints it as is.
 */
export type SystemErrorKind =
  | 'tool-missing'
  | 'needs-privilege'
  | 'timeout'
  | 'file-unreadable'
  | 'file-unwritable'
  | 'command-failed'
  | 'cancelled';

export class SystemError extends Error {
  constructor(
    readonly kind: SystemErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SystemError';
  }
}

/** A helper tool is not installed; `debianPackage` is what `apt-get install` needs. */
export class ToolMissing extends SystemError {
  constructor(
    readonly tool: string,
    readonly debianPackage: string,
  ) {
    super('tool-missing', `${tool} is not installed: apt-get install ${debianPackage}`);
  }
}

/** The operation needs a privilege this process lacks (a capability, or root). */
export class NeedsPrivilege extends SystemError {
  constructor(
    readonly what: string,
    readonly capability: string,
  ) {
    super(
      'needs-privilege',
      `${what} needs ${capability}: run it with sudo, or grant the capability (setcap ${capability.toLowerCase()}+ep on the binary)`,
    );
  }
}

export class Timeout extends SystemError {
  constructor(
    readonly argv: readonly string[],
    readonly timeoutMs: number,
  ) {
    super('timeout', `${argv.join(' ')} did not finish within ${timeoutMs} ms`);
  }
}

export class FileUnreadable extends SystemError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('file-unreadable', `cannot read ${path}: ${reason}`);
  }
}

export class FileUnwritable extends SystemError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('file-unwritable', `cannot write ${path}: ${reason}`);
  }
}

export class CommandFailed extends SystemError {
  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    const detail = stderr.trim().split('\n')[0] ?? '';
    super(
      'command-failed',
      `${argv.join(' ')} failed (exit ${exitCode ?? 'signal'})${detail ? `: ${detail}` : ''}`,
    );
  }
}
