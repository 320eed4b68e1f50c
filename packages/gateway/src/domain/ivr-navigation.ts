/**
 * Walking an IVR's node tree (tenant configuration `ivrs`): prompts play and lead on, a menu waits for one digit,
 * a collect node gathers digits into a variable until `#` or `maxDigits`. The walk stops at a node that waits or
 * at an exit: a queue, back to the agent, or hang-up. Pure: the call machine turns the steps into effects.
 */
import type { IvrNode, IvrVisit } from './call.js';

export type IvrExit = { kind: 'queue'; queueNo: string; queueTimeoutMs?: number } | { kind: 'returnToAgent' } | { kind: 'hangup' };

export interface IvrStep {
  visit: IvrVisit;
  prompts: string[];
  /** Set when the walk left the IVR. */
  exit?: IvrExit;
}

/** Nodes walked through at most, so a misconfigured loop of prompts ends. */
const MAX_NODES_PER_STEP = 50;

export function enterNode(visit: IvrVisit, nodeId: string): IvrStep {
  const prompts: string[] = [];
  let current: IvrVisit = { ...visit, nodeId, digits: '' };
  for (let walked = 0; walked < MAX_NODES_PER_STEP; walked++) {
    const node = current.nodes.find((candidate) => candidate.id === current.nodeId);
    if (!node) return { visit: current, prompts, exit: { kind: 'hangup' } };
    if (node.prompt) prompts.push(node.prompt);
    switch (node.kind) {
      case 'prompt':
        if (!node.next) return { visit: current, prompts, exit: { kind: 'hangup' } };
        current = { ...current, nodeId: node.next };
        continue;
      case 'menu':
      case 'collect':
        return { visit: current, prompts };
      case 'queue':
        return {
          visit: current,
          prompts,
          exit: node.queueNo ? { kind: 'queue', queueNo: node.queueNo, queueTimeoutMs: node.queueTimeoutMs } : { kind: 'hangup' },
        };
      case 'returnToAgent':
        return { visit: current, prompts, exit: { kind: 'returnToAgent' } };
      case 'hangup':
        return { visit: current, prompts, exit: { kind: 'hangup' } };
    }
  }
  return { visit: current, prompts, exit: { kind: 'hangup' } };
}

/** The customer pressed `digits` at the node the visit waits on. */
export function pressDigits(visit: IvrVisit, digits: string): IvrStep {
  let current = visit;
  for (const digit of digits) {
    const node: IvrNode | undefined = current.nodes.find((candidate) => candidate.id === current.nodeId);
    if (node?.kind === 'menu') {
      const next = node.choices?.[digit];
      // An invalid choice plays the menu again.
      return next ? enterNode(current, next) : { visit: current, prompts: node.prompt ? [node.prompt] : [] };
    }
    if (node?.kind !== 'collect') return { visit: current, prompts: [] };
    const done = digit === '#' || current.digits.length + 1 >= (node.maxDigits ?? 20);
    const collected = digit === '#' ? current.digits : current.digits + digit;
    if (!done) {
      current = { ...current, digits: collected };
      continue;
    }
    const withVariable = { ...current, variables: { ...current.variables, [node.variable ?? node.id]: collected } };
    return node.next ? enterNode(withVariable, node.next) : { visit: withVariable, prompts: [], exit: { kind: 'hangup' } };
  }
  return { visit: current, prompts: [] };
}

/** The variables interactReturn reports, renamed by the transferIvr `returnVariables` mapping when one was given. */
export function returnedVariables(visit: IvrVisit): Record<string, string> {
  if (!visit.returnVariables) return { ...visit.variables };
  const returned: Record<string, string> = {};
  for (const [ivrName, reportedName] of Object.entries(visit.returnVariables)) {
    const value = visit.variables[ivrName];
    if (value !== undefined) returned[reportedName] = value;
  }
  return returned;
}
