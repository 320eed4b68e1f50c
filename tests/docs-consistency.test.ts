/**
 * The documentation names everything the code defines: every event, business error code, operation, stateAction and
 * SDK error code, and the API chapter's summary says which operations the gateway serves and which the SDK does itself.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentStateAction, BusinessErrors, EventType, OPERATION_NAMES } from '@agentsdk/protocol';
import * as contract from '@agentsdk/protocol/contract';
import { ErrorCodes } from '@agentsdk/sdk';
import { resolveConfig } from '../packages/sdk/src/config.js';
import { OPERATION_TABLE } from '../packages/gateway/src/application/operation-table.js';
import { handledBySdk } from '../packages/gateway/src/application/operations/handled-by-sdk.js';

const chapter = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8');

/** Names are looked for as inline code, so `hold` is not found inside `unhold` or `holdResp`. */
const missingCode = (text: string, names: readonly string[]) => names.filter((name) => !text.includes(`\`${name}\``));
const missingNumbers = (text: string, numbers: readonly number[]) => numbers.filter((n) => !new RegExp(`\\b${n}\\b`).test(text));

describe('docs/05-Events.md', () => {
  const text = chapter('05-Events.md');

  it('names every event', () => {
    expect(missingCode(text, Object.values(EventType))).toEqual([]);
  });

  it('names every EventType constant', () => {
    expect(missingCode(text, Object.keys(EventType))).toEqual([]);
  });
});

describe('docs/07-Error-Handling.md', () => {
  const text = chapter('07-Error-Handling.md');

  it('lists every business error code, by number and by name', () => {
    expect(missingNumbers(text, Object.values(BusinessErrors).map((info) => info.code))).toEqual([]);
    expect(missingCode(text, Object.keys(BusinessErrors))).toEqual([]);
  });

  it('gives each business error code the name the catalogue gives it', () => {
    const misnamed = Object.entries(BusinessErrors).filter(([name, info]) => !text.includes(`| ${info.code} | \`${name}\` |`));
    expect(misnamed.map(([name]) => name)).toEqual([]);
  });

  it('lists every AgentSdkError code', () => {
    expect(missingCode(text, Object.values(ErrorCodes))).toEqual([]);
  });
});

describe('docs/04-API-Operations.md', () => {
  const text = chapter('04-API-Operations.md');

  it('documents every operation', () => {
    expect(missingCode(text, OPERATION_NAMES)).toEqual([]);
  });

  it('says in its summary which operations the gateway serves', () => {
    const summary = text.slice(text.indexOf('## Summary'), text.indexOf('## 1.'));
    const wrong = OPERATION_NAMES.filter((name) => {
      const row = summary.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${name}\``));
      if (row === undefined) return true;
      const { handle } = OPERATION_TABLE[name];
      if (handle === handledBySdk) return !/\|\s*served by the SDK \(errorCode 30012 from the gateway\)\s*\|\s*$/.test(row);
      return !/\|\s*served\s*\|\s*$/.test(row);
    });
    expect(wrong).toEqual([]);
  });
});

describe('docs/08-State-Machine.md', () => {
  it('explains every stateAction', () => {
    expect(missingCode(chapter('08-State-Machine.md'), Object.values(AgentStateAction))).toEqual([]);
  });
});

describe('the docs do not contradict the code', () => {
  const chapters = readdirSync(new URL('../docs/', import.meta.url)).filter((name) => name.endsWith('.md'));

  it('promise nothing "until" a part lands that has landed', () => {
    const stale = chapters.filter((name) => /until the (softphone|dialer|redis adapters?) lands?/i.test(chapter(name)));
    expect(stale).toEqual([]);
  });

  it('01 names every gateway adapter and calls none of them unbuilt', () => {
    const text = chapter('01-Overview.md');
    const adapters = readdirSync(new URL('../packages/gateway/src/adapters/', import.meta.url));
    expect(missingCode(text, adapters)).toEqual([]);
    expect(text).not.toMatch(/not built yet|the only driver/i);
  });

  it('never says a refusal emits nothing: its xxxResp event is always emitted', () => {
    const lines = chapters.flatMap((name) => chapter(name).split('\n').map((line) => `${name}: ${line}`));
    expect(lines.filter((line) => /\b[123]0\d{3}\b/.test(line) && /nothing is emitted/.test(line))).toEqual([]);
  });

  it('04 lists the supervisor-only operations in its supervisor rows, and says an agent gets 20016', () => {
    const text = chapter('04-API-Operations.md');
    const supervisorRow = text.split('\n').filter((line) => line.startsWith('| supervisor |')).join('\n');
    const supervisorOnly = OPERATION_NAMES.filter((name) => OPERATION_TABLE[name].permission === 'supervisor');
    expect(supervisorOnly.filter((name) => !supervisorRow.includes(`\`${name}\``))).toEqual([]);
    const listSection = text.slice(text.indexOf('### ListPreviewDialingTask'));
    expect(listSection.slice(0, 400)).toContain('`20016');
  });
});

describe('the SDK chapters', () => {
  it('06 lists every value enumeration the SDK exports, each in its own row', () => {
    const text = chapter('06-Types.md');
    const enumerations = Object.keys(contract).filter((name) => name !== 'EventType' && name !== 'BusinessErrorCode');
    expect(enumerations.filter((name) => !text.includes(`| \`${name}\` |`))).toEqual([]);
  });

  it('03 documents every setup option', () => {
    const text = chapter('03-Core-Concepts-and-Lifecycle.md');
    const options = [...Object.keys(resolveConfig({ baseURL: 'https://cc.example.com' })), 'debugHook'];
    const documented = (option: string) => (option === 'reconnect' ? text.includes('| `reconnect.') : text.includes(`| \`${option}\` |`));
    expect(options.filter((option) => !documented(option))).toEqual([]);
  });

  it('02 lists every file of the script-tag build with its size', () => {
    const text = chapter('02-Quick-Start.md');
    const files = readdirSync(new URL('../packages/sdk/dist/browser/', import.meta.url)).filter((name) => name.endsWith('.js'));
    expect(files.filter((name) => !new RegExp(`\\| \`${name.replace('.', '\\.')}\` \\|.*KiB`).test(text))).toEqual([]);
  });
});
