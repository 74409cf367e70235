/**
 * The fleet examples that name the Wfpsec/IPsecPolicy resource (deploy/dsc/wfpsec.dsc.config.yaml,
 * deploy/winget/wfpsec.winget, deploy/ansible/wfpsec-dsc3.yml) give it the type and instance properties the
 * resource has: an example that DSC would reject before calling wfpsec fails here.
 */
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020";
import { parse } from "yaml";
import { DSC_INSTANCE_SCHEMA, DSC_RESOURCE_TYPE } from "../../../modules/cli/dscResource.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const validate = new Ajv2020({ allErrors: true, strict: true, strictTypes: false }).compile(
  DSC_INSTANCE_SCHEMA,
);
const read = (f: string) => parse(Deno.readTextFileSync(`${ROOT}${f}`));

type Resource = { name: string; type: string; properties: Record<string, unknown> };

function assertWfpsecResources(resources: Resource[], where: string) {
  const ours = resources.filter((r) => r.type === DSC_RESOURCE_TYPE);
  assert.ok(ours.length >= 1, `${where}: no ${DSC_RESOURCE_TYPE} resource`);
  for (const r of ours) {
    assert.ok(validate(r.properties), `${where} ${r.name}: ${JSON.stringify(validate.errors)}`);
    assert.equal(typeof r.properties.path, "string", `${where}: path`);
  }
}

Deno.test("the DSC v3 configuration document uses the resource as its schema says", () => {
  const doc = read("deploy/dsc/wfpsec.dsc.config.yaml");
  assert.match(doc.$schema, /^https:\/\/aka\.ms\/dsc\/schemas\/v3\//);
  assert.equal(doc.metadata["Microsoft.DSC"].securityContext, "Elevated");
  assertWfpsecResources(doc.resources, "wfpsec.dsc.config.yaml");
});

Deno.test("the WinGet configuration is a v3 document for the dscv3 processor with the resource", () => {
  const doc = read("deploy/winget/wfpsec.winget");
  assert.equal(doc.metadata.winget.processor.identifier, "dscv3");
  assert.equal(doc.properties, undefined, "v3 files have no 0.2 `properties:` node");
  assertWfpsecResources(doc.resources, "wfpsec.winget");
});

Deno.test("the Ansible playbook's ansible.windows.dsc3 task configures the resource", () => {
  const plays = read("deploy/ansible/wfpsec-dsc3.yml") as { tasks: Record<string, unknown>[] }[];
  const tasks = plays.flatMap((p) => p.tasks);
  const dsc3 = tasks.filter((t) => "ansible.windows.dsc3" in t);
  assert.equal(dsc3.length, 1);
  const config = (dsc3[0]["ansible.windows.dsc3"] as { config: { resources: Resource[] } }).config;
  assertWfpsecResources(config.resources, "wfpsec-dsc3.yml");
  assert.equal(config.resources[0].properties._exist, true);
});
