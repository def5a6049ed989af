declare namespace wasm_bindgen {
    /* tslint:disable */
    /* eslint-disable */

    /** One finding about a file (contract §5). */
    export interface Diagnostic {
        code: string;
        severity: "error" | "warning";
        sheet: string;
        cell: string;
        message: string;
        anchor?: { kind: "header" | "measure" | "indicator"; id?: string; field: string };
    }
    /** `validate` result (contract §6 per-file JSON). */
    export interface FileResult {
        path: string;
        unit: string | null;
        year: number | null;
        ok: boolean;
        diagnostics: Diagnostic[];
    }
    /** A file handed to `merge`, or returned by `samples`. */
    export interface NamedFile { name: string; bytes: Uint8Array }
    /** `merge` result: the contract's merge JSON and the 汇总表 workbook. */
    export interface MergeResult { summary: any; xlsx: Uint8Array; detail: MergeDetail }
    /** The page's view of a merge: 任务明细 rows, every expected unit, every file with its findings. */
    export interface MergeDetail {
        rows: { measure: string; unit: string; status: string; progress: string; problems: string; next_plan: string; evidence: string; source: string; assigned: boolean }[];
        units: { unit: string; state: "received" | "missing" | "rejected"; path: string | null }[];
        files: { path: string; outcome: "accepted" | "rejected" | "superseded" | "earlier"; outcome_label: string; unit: string | null; year: number | null; date: string | null; diagnostics: Diagnostic[] }[];
    }
    /** `facts()`: what the page needs from Rust instead of copies of its own. */
    export interface Facts {
        statuses: string[];
        not_submitted: string;
        fields: { field: string; label: string; long_text: boolean }[];
        editable: { header: string[]; measure: string[]; indicator: string[] };
        max_file_bytes: number;
        extensions: string[];
        severities: { id: "error" | "warning"; label: string }[];
    }
    /** `inspect` result: the validation result and the report as understood. */
    export interface Inspection { result: FileResult; report: any }
    /**
     * One change for `correct`: `{measure: "2.1", field: "status", value: "已完成"}`,
     * `{indicator: "I12", field: "value", value: "0.2"}`, `{field: "contact", value: "张伟"}`,
     * or a diagnostic anchor plus value: `{kind: "measure", id: "2.1", field: "progress", value}`.
     */
    export interface Edit {
        measure?: string;
        indicator?: string;
        kind?: "header" | "measure" | "indicator";
        id?: string;
        field: string;
        value: string | number | null;
    }
    /** `correct` result: the corrected workbook and its validation. */
    export interface Corrected { xlsx: Uint8Array; result: FileResult }



    /** `loadPlan` result: `planText` (the plan as JSON text, for every other call) and `plan`
     * are null when the file has errors; `diagnostics` lists every problem at its sheet and
     * cell (a Word import also lists, as warnings, the names it could not map). */
    export interface LoadedPlan {
        planText: string | null;
        plan: any | null;
        diagnostics: Diagnostic[];
        unmapped: { text: string; task: number; message: string }[];
    }



    /**
     * The unit's workbook re-made with every problem marked at its cell (red = error,
     * yellow = warning, the message as a note).
     *
     * # Errors
     * When the file is not a readable unit report or its unit/year cannot be determined.
     */
    export function annotate(bytes: Uint8Array | number[], file_name: string, plan_text?: string | null): Uint8Array;

    /**
     * Applies `edits` to the report read from the file, writes the corrected workbook and
     * validates it again: `{xlsx: Uint8Array, result}`.
     *
     * # Errors
     * A malformed edit, an edit of something the plan does not know, an unreadable file.
     */
    export function correct(bytes: Uint8Array | number[], file_name: string, edits: Edit[], plan_text?: string | null): Corrected;

    /**
     * The facts the page needs from Rust: `{statuses, not_submitted, fields: [{field, label,
     * long_text}], editable: {header, measure, indicator}, max_file_bytes, extensions,
     * severities: [{id, label}]}` (severities in the order diagnostics are listed).
     *
     * # Errors
     * Only if the result cannot be converted (never in practice).
     */
    export function facts(): Facts;

    /**
     * Like `validate`, plus the report as understood: `{result, report}` (what the fixing
     * grid shows next to each problem).
     *
     * # Errors
     * Only a bad plan.
     */
    export function inspect(bytes: Uint8Array | number[], file_name: string, plan_text?: string | null): Inspection;

    /**
     * Reads a plan file: a plan workbook (.xlsx .xls .ods), TOML or JSON, or a Word
     * document (.docx) whose annex 任务清单 is imported against `basePlanText` (default:
     * the built-in plan). Problems are diagnostics in the result, not thrown errors.
     *
     * # Errors
     * Only when `basePlanText` is not a usable plan.
     */
    export function loadPlan(bytes: Uint8Array | number[], file_name: string, base_plan_text?: string | null): LoadedPlan;

    /**
     * Validates every file and merges the valid ones into the summary of `year`:
     * `{summary: <merge JSON>, xlsx: Uint8Array}`. `files` is `[{name, bytes}]`.
     *
     * # Errors
     * A malformed `files` list, a year outside the plan, a bad plan, or a summary that
     * cannot be written.
     */
    export function merge(files: NamedFile[], year: number, plan_text?: string | null): MergeResult;

    /**
     * The plan as a JavaScript object: sections, tasks, measures, units, indicators.
     * Its JSON (`JSON.stringify`) is itself a plan file that `planText` accepts.
     *
     * # Errors
     * When `plan_text` is not a usable plan.
     */
    export function plan(plan_text?: string | null): any;

    /**
     * What changed between two plan files (TOML or JSON text): the same JSON as
     * `xlsx-tool plan diff OLD NEW --json` (`measures`, `indicators`, `units_added`, ...).
     *
     * # Errors
     * When either text is not a usable plan.
     */
    export function planDiff(old_text: string, new_text: string): any;

    /**
     * The plan workbook (.xlsx bytes) of `planText` (default: the built-in plan), as
     * `xlsx-tool plan export` writes it.
     *
     * # Errors
     * When `planText` is not a usable plan or the workbook cannot be written.
     */
    export function planWorkbook(plan_text?: string | null): Uint8Array;

    /**
     * What changed between two plan files (TOML or JSON text, e.g. `loadPlan`'s `planText`;
     * empty = the built-in plan): the same JSON as `xlsx-tool plan diff OLD NEW --json`
     * (`measures`, `indicators`, `unit_changes`, `group_changes`, ... and `memo`, the
     * changes as a short memo in Chinese, one line a sentence).
     * The year's work report (.docx bytes, 公文 layout, contract §10) from the same inputs as
     * `merge`: `files` is `[{name, bytes}]`; a summary of `year` alone also serves.
     *
     * # Errors
     * A malformed `files` list, a year outside the plan, a bad plan, or a document that
     * cannot be written.
     */
    export function report(files: NamedFile[], year: number, plan_text?: string | null): Uint8Array;

    /**
     * The built-in sample submissions of `year`: `[{name, bytes}]` (one file with errors,
     * one with warnings, one unit missing, one superseded).
     *
     * # Errors
     * A year outside the plan or a bad plan.
     */
    export function samples(year: number, plan_text?: string | null): NamedFile[];

    /**
     * The four-year sample round `firstYear..=lastYear`: `[{name, bytes}]`, every unit's
     * workbook of every year (see `xlsx_tool::sample::years`: 正常/关注/滞后 paths, a
     * 万元/亿元 slip, a stock decrease, a resubmission, a missing and a rejected unit).
     *
     * # Errors
     * A year outside the plan, `firstYear` after `lastYear`, or a bad plan.
     */
    export function samplesYears(first_year: number, last_year: number, plan_text?: string | null): NamedFile[];

    /**
     * The blank workbook (.xlsx bytes) for `unit` and `year`.
     *
     * # Errors
     * Unknown unit, a year outside the plan, or a bad plan.
     */
    export function template(unit: string, year: number, plan_text?: string | null): Uint8Array;

    /**
     * Reads and validates one file: `{path, unit, year, ok, diagnostics}`.
     *
     * # Errors
     * Only a bad plan; problems in the file are diagnostics.
     */
    export function validate(bytes: Uint8Array | number[], file_name: string, plan_text?: string | null): FileResult;

}
declare type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

declare interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly annotate: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number, number];
    readonly correct: (a: number, b: number, c: number, d: number, e: any, f: number, g: number) => [number, number, number];
    readonly facts: () => [number, number, number];
    readonly inspect: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly loadPlan: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly merge: (a: any, b: number, c: number, d: number) => [number, number, number];
    readonly plan: (a: number, b: number) => [number, number, number];
    readonly planDiff: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly planWorkbook: (a: number, b: number) => [number, number, number];
    readonly report: (a: any, b: number, c: number, d: number) => [number, number, number, number];
    readonly samples: (a: number, b: number, c: number) => [number, number, number];
    readonly samplesYears: (a: number, b: number, c: number, d: number) => [number, number, number];
    readonly template: (a: number, b: number, c: number, d: number, e: number) => [number, number, number, number];
    readonly validate: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

declare type SyncInitInput = BufferSource | WebAssembly.Module;

declare namespace wasm_bindgen {
    /**
     * Instantiates the given `module`, which can either be bytes or
     * a precompiled `WebAssembly.Module`.
     *
     * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
     *
     * @returns {InitOutput}
     */
    export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;
}

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
declare function wasm_bindgen (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
