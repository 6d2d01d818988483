/**
 * `netdoctor explain [CODE]`: what a finding code means, in the words of the rule that emits
 * it (src/diagnose/code-docs.ts); alone, every code with its one-line title. An unknown code
 * is a usage error naming the nearest one.
 */
import type { Command } from 'commander';
import { documentedCodes, isFindingCode, nearestCode } from '../diagnose/code-docs.js';
import { explainJson, explainListText, explainText } from '../report/explain.js';
import { safeText } from '../text/safe.js';
import { EXIT_OK } from '../exit-codes.js';
import { toJson, UsageError, type CliIo } from './context.js';
import { jsonDocument } from '../report/json-document.js';

export function registerExplain(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('explain')
    .argument('[code]', 'a finding code, as --json and the reports print it (e.g. no-route)')
    .description('what a finding code means, why it matters, how it is proved and fixed')
    .option('--json', 'print JSON')
    .action((code: string | undefined, opts: { json?: boolean }) => {
      const codes = documentedCodes();
      if (code === undefined) {
        io.out(
          opts.json
            ? toJson(
                jsonDocument('explain', {
                  codes: codes.map((d) => ({ code: d.code, title: d.doc.title })),
                }),
              )
            : explainListText(codes),
        );
        setExit(EXIT_OK);
        return;
      }
      const found = isFindingCode(code) ? codes.find((d) => d.code === code) : undefined;
      if (!found) {
        throw new UsageError(
          `unknown finding code '${safeText(code)}': did you mean ${nearestCode(code)}? (netdoctor explain lists them all)`,
        );
      }
      io.out(opts.json ? toJson(jsonDocument('explain', explainJson(found))) : explainText(found));
      setExit(EXIT_OK);
    });
}
