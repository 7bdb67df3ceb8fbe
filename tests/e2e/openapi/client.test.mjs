// A TypeScript client generated from the service's own OpenAPI document (openapi-typescript) compiles under
// `tsc --strict`, and reads the document as a client author would: request bodies with their own fields, 201s,
// the faces' error bodies, x-workspace-id and integer page numbers. If the document drifts (one shared schema
// for every body, page as a string, a refusal without its body), the usage below stops compiling.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import { startService } from "../switchboard/service.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const tsc = resolve(here, "../node_modules/typescript/bin/tsc");
let service;
let dir;

before(async () => {
  service = await startService();
  dir = mkdtempSync(join(tmpdir(), "switchboard-openapi-client-"));
});

after(async () => {
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// What a client writes against the generated types; each line fails to compile when the document says otherwise.
const usage = `
import type { paths, components } from "./api";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

// Each request body is its own schema: the register body is not the plan change's.
const register: Json<paths["/api/v1/auth/register"]["post"]["requestBody"]> =
  { email: "a@example.com", full_name: "A", password: "long enough password" };
const plan: Json<paths["/api/v1/billing/plan"]["put"]["requestBody"]> = { plan: "pro" };
// @ts-expect-error the plan change has no full_name
const wrong: Json<paths["/api/v1/billing/plan"]["put"]["requestBody"]> = { full_name: "A" };

// 201 is documented as 201.
const created: Json<paths["/api/v1/auth/register"]["post"]["responses"][201]> = null!;
const token: string = created.access_token;
const link: Json<paths["/app/invite-links"]["post"]["responses"][201]> = null!;
const linkId: string = link.data.id;

// Refusals carry their face's body: FastAPI's detail, Laravel's message and errors.
const planLimit: Json<paths["/api/v1/team/invite"]["post"]["responses"][402]> = null!;
const detail: string = planLimit.detail;
const invalid: Json<paths["/app/members/{id}"]["patch"]["responses"][422]> = null!;
const message: string = invalid.message;
const perField: string[] | undefined = invalid.errors["seat"];
const unauthenticated: components["schemas"]["PipebackError"] = { message: "Unauthenticated." };
// And the stable code a client switches on (docs/api.md "Refusal codes"), with a 422's codes per field.
const code: string | undefined = planLimit.code;
const fieldCodes: string[] | undefined = invalid.field_codes?.["seat"];

// Pipeback's workspace header is a declared, required parameter; page numbers are numbers.
type ListMembers = paths["/app/members"]["get"]["parameters"];
const header: ListMembers["header"] = { "x-workspace-id": "00000000-0000-0000-0000-000000000000" };
const page: number | undefined = ({} as NonNullable<ListMembers["query"]>).page;
const pageSize: number | undefined = ({} as NonNullable<ListMembers["query"]>).page_size;

export const used = [register, plan, wrong, token, linkId, detail, message, perField, unauthenticated, code, fieldCodes, header, page, pageSize];
`;

test("a client generated from /openapi/v1.json type-checks under tsc --strict", async () => {
  const ast = await openapiTS(new URL(`${service.url}/openapi/v1.json`));
  const types = astToString(ast);
  assert.match(types, /"\/app\/members\/\{id\}"/);
  writeFileSync(join(dir, "api.d.ts"), types);
  writeFileSync(join(dir, "usage.ts"), usage);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "es2022", moduleResolution: "bundler", skipLibCheck: false, types: [] },
      files: ["api.d.ts", "usage.ts"],
    }),
  );
  try {
    await promisify(execFile)(process.execPath, [tsc, "-p", dir], { cwd: dir });
  } catch (failure) {
    assert.fail(`tsc refused the generated client:\n${failure.stdout}${failure.stderr}`);
  }
});
