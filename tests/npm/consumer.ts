// Type-checked with `tsc --noEmit --strict` against the installed package: what JS
// receives is typed (no `any`), so these lines must compile and the commented ones must not.
import init, { validate, merge, template, plan, evaluate, type FileResult, type Diagnostic, type Evaluation } from 'jz-ip-report';
import initCheck, { validate as checkOnly, type FileResult as CheckResult } from 'jz-ip-report/check';

export async function check(bytes: Uint8Array, name: string): Promise<string[]> {
  await init();
  const r: FileResult = validate(bytes, name);
  const lines: string[] = r.diagnostics.map((d: Diagnostic) => `${d.severity} ${d.sheet}!${d.cell} ${d.code}: ${d.message}`);
  const unit: string | null = r.unit;
  const year: number | null = r.year;
  const m = merge([{ name, bytes }], 2025);
  const xlsx: Uint8Array = m.xlsx;
  const missing: string[] = m.summary.missing_units;
  const rates: (number | null)[] = m.summary.indicators.map((i) => i.rate);
  const counts: Record<string, number> = m.summary.measures[0].status_counts;
  const tpl: Uint8Array = template('孟州市', 2025);
  const tasks: number = plan().tasks.length;
  const ev = evaluate([{ name, bytes }]);
  const e: Evaluation = ev.summary;
  const verdicts: string[] = e.indicators.map((i) => i.verdict);
  const finals: (number | null)[] = e.indicators.map((i) => i.final);
  const docx: Uint8Array = ev.docx;
  const docxName: string = ev.docxName;
  lines.push(verdicts.join(), finals.join(), String(docx.length), docxName, String(ev.xlsx.length));
  await initCheck();
  const checked: CheckResult = checkOnly(bytes, name);
  const codes: string[] = checked.diagnostics.map((d) => d.code);
  lines.push(codes.join());
  lines.push(String(unit), String(year), String(xlsx.length), missing.join(), rates.join(), String(counts['已完成']), String(tpl.length), String(tasks));
  return lines;
}
