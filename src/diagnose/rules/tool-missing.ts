/**
 * `tool-missing`: a probe needs a tool that is not installed, or an installed one that cannot
 * do what the probe needs (Thomas Habets' arping takes other flags than iputils'). Raised
 * before anything is sent, from what the probe found when it looked (ProbeResults.toolsLacking).
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, DiagnoseContext, Rule, ToolLack } from '../rule.js';

function arpingFinding(lack: Extract<ToolLack, { tool: 'arping' }>): Finding {
  const { flavour, lacking, versionLine } = lack;
  const installed = flavour === null;
  const title = installed
    ? 'arping is not installed'
    : flavour === 'habets'
      ? `this arping (Thomas Habets') cannot send ${lacking ?? 'what the repair needs'}`
      : `this arping is not one netdoctor knows, so it cannot send ${lacking ?? 'ARP'} safely`;
  const why = installed
    ? 'The repair sends its ARP packets with arping from iputils, and there is no arping here.'
    : `Debian ships two arpings whose flags clash: iputils (-I IF -s SRC -U -A -D) and Thomas Habets' (-i IF -S SRC, where -s is a source MAC). ` +
      `The one installed here lacks ${lacking ?? 'a needed flag'}. Installing iputils-arping replaces it (the two packages conflict).`;
  return {
    code: 'tool-missing',
    severity: 'error',
    title,
    why,
    evidence: versionLine ? [{ source: 'arping -V', text: versionLine }] : [],
    fix: ['apt-get install iputils-arping'],
    subject: 'arping',
  };
}

const PING_MISSING: Finding = {
  code: 'tool-missing',
  severity: 'error',
  title: 'ping is not installed',
  why: 'The repair checks that the gateway took the new MAC by pinging it from the moved address (iputils ping): the reply comes back only when the gateway sends that address to this server. Without ping it could announce, but never tell whether the gateway listened.',
  evidence: [],
  fix: ['apt-get install iputils-ping'],
  subject: 'ping',
};

function run(ctx: DiagnoseContext): Finding[] {
  return (ctx.probes?.toolsLacking ?? []).map((lack) =>
    lack.tool === 'ping' ? PING_MISSING : arpingFinding(lack),
  );
}

const DOCS: CodeDocs = {
  'tool-missing': {
    title: 'a tool the probe needs is missing, or cannot do what it needs',
    severity: { error: 'always: nothing is sent' },
    means:
      "An active check needs a tool that is not installed here, or an installed one that cannot do the job: Debian ships two arpings whose flags clash (iputils and Thomas Habets').",
    matters: 'The check cannot run, so netdoctor stops before sending anything rather than guess.',
    proof: 'From what the probe found when it looked: the tool on PATH, its `-V` and help texts.',
    fix: 'Install the package the finding names (`apt-get install iputils-arping`, `apt-get install iputils-ping`).',
    box: 'this host',
  },
};

export const toolMissingRule: Rule = {
  id: 'tool-missing',
  topic: 'l2',
  codes: ['tool-missing'],
  docs: DOCS,
  run,
};
