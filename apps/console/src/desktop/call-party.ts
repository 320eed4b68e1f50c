/** Who is on the other end of a call, in words: a colleague's name for internal calls, else the number. */
import { CallType } from '@agentsdk/protocol';
import { agentName, queueName, type DemoDirectory } from '../api/demo-directory.js';
import { callTypeLabel } from '../format/call-labels.js';
import type { CallInfo } from '../state/call-info.js';
import type { ConsultState } from '../state/desk-state.js';

function colleagueName(directory: DemoDirectory | undefined, agentNo: string): string {
  return agentName(directory, agentNo) ?? `Agent ${agentNo}`;
}

export function partyName(info: CallInfo, directory: DemoDirectory | undefined, myAgentNo: string): string {
  if (info.consultingAgentNo === undefined && info.callType === CallType.INTERNAL) {
    const colleague =
      info.callerAgentNo !== undefined && info.callerAgentNo !== myAgentNo
        ? info.callerAgentNo
        : info.calleeAgentNo !== myAgentNo
          ? info.calleeAgentNo
          : undefined;
    if (colleague !== undefined) return colleagueName(directory, colleague);
  }
  return info.customerNumber ?? ('takenOver' in info && info.takenOver ? 'Call in progress' : 'Unknown caller');
}

/** "Inbound", "Consultation from Emeka Obi", "Transferred by Emeka Obi". */
export function callKind(info: CallInfo, directory: DemoDirectory | undefined): string {
  if (info.consultingAgentNo !== undefined) return `Consultation from ${colleagueName(directory, info.consultingAgentNo)}`;
  if (info.transferredBy !== undefined) return `Transferred by ${colleagueName(directory, info.transferredBy)}`;
  return callTypeLabel(info.callType);
}

/** "Inbound · General", "Internal", "Consultation from Emeka Obi · General". */
export function callContext(info: CallInfo, directory: DemoDirectory | undefined): string {
  const queue = queueName(directory, info.queueNo) ?? (info.queueNo !== undefined ? `Queue ${info.queueNo}` : undefined);
  return [callKind(info, directory), queue].filter(Boolean).join(' · ');
}

/** startAtxfer `targetType`s (spec 5.1): 0 a number, 1 an agent, 2 an extension. */
const CONSULT_AGENT = 1;
const CONSULT_EXTENSION = 2;

/** The consulted party: a colleague's name, an extension, or a number. */
export function consultTargetName(consult: Pick<ConsultState, 'target' | 'targetType'>, directory: DemoDirectory | undefined): string {
  if (consult.targetType === CONSULT_AGENT) return colleagueName(directory, consult.target);
  if (consult.targetType === CONSULT_EXTENSION) return `extension ${consult.target}`;
  return consult.target;
}
