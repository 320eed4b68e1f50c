/**
 * The agent state machine (docs/08-State-Machine.md). Pure: `transition(record, command)` returns the next record
 * and the effects to apply, or the business error that refuses the command. Nothing else changes an agent.
 */
import {
  AgentStateAction,
  DeviceStatus,
  LoginStatus,
  type AgentStateActionValue,
  type AgentStatus,
  type BindEndpoint,
  type CallTypeValue,
  type BusinessErrorName,
  type ForcedLogoutReason,
  type LoginStatusValue,
} from '@agentsdk/protocol';
import { RING_NO_ANSWER_PAUSE, SUPERVISOR_PAUSE, stateOf, type AgentRecord } from './agent.js';

export type AgentCommand =
  /** A supervisor's monitoring of the agent's call changed (absent: it ended). */
  | { type: 'setMonitoredBy'; callId: string; by?: NonNullable<AgentStatus['monitoredBy']> }
  /** The supervisor's own side of it. */
  | { type: 'setMonitoring'; callId: string; target?: NonNullable<AgentStatus['monitoring']> }
  | {
      type: 'login';
      sessionId: string;
      /** The gateway process holding the new session's socket. */
      socketOwnerId: string;
      bindEndpoint: BindEndpoint;
      initialStatus: 1 | 2 | 3;
      pause?: { pauseType: number; pauseDescription: string };
      wrapupSeconds: number;
      workMode?: string;
      qids?: string[];
    }
  | { type: 'logout'; mode: 1 | 2; unbindEndpoint: boolean }
  | { type: 'pause'; pauseType: number; pauseDescription: string }
  | { type: 'unpause' }
  | { type: 'updateBoundEndpoint'; bindEndpoint: BindEndpoint }
  /** The wrap-up timer fired; ignored unless wrap-up is due. */
  | { type: 'wrapupEnd' }
  | { type: 'prolongWrapup'; seconds: number }
  /** Locks an available agent for a call. Queue calls need the agent idle; the agent's own calls only need no call. */
  | { type: 'offer'; callId: string; callType: CallTypeValue; requireIdle: boolean }
  | { type: 'callRinging'; callId: string }
  | { type: 'callConnected'; callId: string }
  /** The call ended after the agent's leg was up: wrap-up follows. */
  | { type: 'callEnded'; callId: string; wrapupSeconds: number }
  /** The call went away before the agent's leg was up. `ringNoAnswer` pauses the agent. */
  | { type: 'offerReleased'; callId: string; reason: 'ringNoAnswer' | 'other' }
  /** The server ends a session; ignored unless it is the agent's live session. */
  | { type: 'endSession'; sessionId: string; reason: ForcedLogoutReason }
  /** A supervisor forces the agent busy / idle; refused while the agent is in a call. */
  | { type: 'setPause' }
  | { type: 'setUnpause' }
  /** A supervisor signs an offline agent in without a desktop: idle, its calls ring `bindEndpoint`. */
  | { type: 'setOnline'; bindEndpoint: BindEndpoint }
  /** A supervisor signs the agent out, ending its desktop session if it has one. */
  | { type: 'setOffline'; unbindEndpoint: boolean }
  /** The session's socket is back (a resume), held by `socketOwnerId`. */
  | { type: 'socketAttached'; sessionId: string; socketOwnerId: string }
  /** The session lost its socket at `at` (a drop): it waits for a resume. */
  | { type: 'socketDetached'; sessionId: string; at: number }
  /**
   * The process holding the session's socket died at `at`; `by` takes the session over until it is resumed or
   * expires. `eventsLost`: events may have been published while no node held the session.
   */
  | { type: 'sessionAdopted'; sessionId: string; at: number; by: string; eventsLost: boolean };

export type AgentEffect =
  /** Publish the agent's new `agentStatus` snapshot. */
  | { type: 'publishStatus' }
  /** The session was replaced by a newer sign-in. */
  | { type: 'kickOut'; sessionId: string }
  /** The session is over: `logout` for a normal sign-out, else the server's reason. */
  | { type: 'endSession'; sessionId: string; reason: 'logout' | ForcedLogoutReason }
  /** Wrap-up ends by itself at `at`. */
  | { type: 'scheduleWrapupEnd'; at: number }
  /** The agent can take a queue call now: route its queues. */
  | { type: 'available' }
  /** The session's socket went away or came back: supervisors' views of the agent change, its status does not. */
  | { type: 'connectionChanged' };

export type TransitionResult =
  | { ok: true; next: AgentRecord; effects: AgentEffect[]; message?: string }
  | { ok: false; error: BusinessErrorName; message: string };

function refuse(error: BusinessErrorName, message: string): TransitionResult {
  return { ok: false, error, message };
}

/** Moves to a login status, keeping `stateSince` when the state does not change. */
function enter(
  record: AgentRecord,
  loginStatus: LoginStatusValue,
  stateAction: AgentStateActionValue,
  now: number,
  changes: Partial<AgentRecord> = {},
): AgentRecord {
  const stateChanged = stateOf(record) !== stateOf({ loginStatus, deviceStatus: changes.deviceStatus ?? record.deviceStatus });
  const next: AgentRecord = { ...record, ...changes, loginStatus, stateAction, stateSince: stateChanged ? now : record.stateSince };
  if (loginStatus !== LoginStatus.BUSY) {
    delete next.pauseType;
    delete next.pauseDescription;
  }
  if (loginStatus !== LoginStatus.WRAPUP) delete next.wrapupEndsAt;
  return next;
}

function signOut(record: AgentRecord, stateAction: AgentStateActionValue, now: number, unbindEndpoint: boolean): AgentRecord {
  const next = enter(record, LoginStatus.OFFLINE, stateAction, now);
  delete next.sessionId;
  delete next.loginTime;
  delete next.qids;
  delete next.workMode;
  delete next.logoutPending;
  delete next.socketOwnerId;
  delete next.detachedSince;
  delete next.eventsLost;
  if (unbindEndpoint) delete next.bindEndpoint;
  return next;
}

const END_SESSION_ACTIONS: Record<ForcedLogoutReason, AgentStateActionValue> = {
  sessionExpired: AgentStateAction.SESSION_EXPIRED,
  sessionKeyRevoked: AgentStateAction.SESSION_KEY_REVOKED,
  supervisor: AgentStateAction.SET_OFFLINE,
  agentRemoved: AgentStateAction.SESSION_EXPIRED,
};

function clearCall(record: AgentRecord): AgentRecord {
  const next = { ...record };
  delete next.callId;
  delete next.callType;
  delete next.monitoredBy;
  delete next.monitoring;
  return next;
}

/** Back to what the agent was before the call: signed out if a logout waits, busy if paused, else idle. */
function afterCallWithoutWrapup(record: AgentRecord, stateAction: AgentStateActionValue, now: number): TransitionResult {
  const deferredLogout = completeDeferredLogout(record, now);
  if (deferredLogout) return deferredLogout;
  const pause = record.pauseAfterCall;
  const cleared = { ...record };
  delete cleared.pauseAfterCall;
  if (pause || record.loginStatus === LoginStatus.BUSY) {
    const next = enter(cleared, LoginStatus.BUSY, stateAction, now, pause ?? {});
    next.stateSince = now;
    return { ok: true, next, effects: [{ type: 'publishStatus' }] };
  }
  const next = enter(cleared, LoginStatus.IDLE, stateAction, now);
  next.stateSince = now;
  return { ok: true, next, effects: [{ type: 'publishStatus' }, { type: 'available' }] };
}

/** logoutMode 2: the sign-out that waited for the call and its wrap-up to end. */
function completeDeferredLogout(record: AgentRecord, now: number): TransitionResult | undefined {
  if (!record.logoutPending || !record.sessionId) return undefined;
  return {
    ok: true,
    next: signOut(record, AgentStateAction.LOGOUT, now, record.logoutPending.unbindEndpoint),
    effects: [{ type: 'publishStatus' }, { type: 'endSession', sessionId: record.sessionId, reason: 'logout' }],
  };
}

/** pause or unpause in wrap-up ends it early: a logout waiting for the wrap-up happens then. */
function leaveWrapupEarly(record: AgentRecord, now: number): TransitionResult | undefined {
  return record.loginStatus === LoginStatus.WRAPUP ? completeDeferredLogout(record, now) : undefined;
}

const isSignedIn = (record: AgentRecord) => record.loginStatus !== LoginStatus.OFFLINE;
const inCall = (record: AgentRecord) => record.deviceStatus !== DeviceStatus.IDLE;
/** A supervisor's command on a signed-out agent: the spec's "no such agent" covers offline agents. */
const offlineTarget = (record: AgentRecord) => refuse('NO_SUCH_AGENT', `no such agent: ${record.agentNo} is offline`);

export function transition(record: AgentRecord, command: AgentCommand, now: number): TransitionResult {
  switch (command.type) {
    case 'login': {
      const effects: AgentEffect[] = [];
      if (record.sessionId && record.sessionId !== command.sessionId) effects.push({ type: 'kickOut', sessionId: record.sessionId });
      const session = {
        sessionId: command.sessionId,
        socketOwnerId: command.socketOwnerId,
        bindEndpoint: command.bindEndpoint,
        loginTime: now,
        workMode: command.workMode,
        qids: command.qids,
      };
      const fresh = { callsAnswered: 0 };
      const attached = { ...record };
      delete attached.detachedSince;
      delete attached.eventsLost;
      if (isSignedIn(record) && inCall(record)) {
        // A new desktop takes over a call in progress: the call and its state stay as they are.
        effects.push({ type: 'publishStatus' });
        return { ok: true, next: { ...attached, ...session, stateAction: AgentStateAction.LOGIN }, effects };
      }
      const base = { ...attached, ...fresh, deviceStatus: DeviceStatus.IDLE };
      let next: AgentRecord;
      if (command.initialStatus === LoginStatus.BUSY && command.pause) {
        next = enter(base, LoginStatus.BUSY, AgentStateAction.LOGIN, now, { ...session, ...command.pause });
        effects.push({ type: 'publishStatus' });
      } else if (command.initialStatus === LoginStatus.WRAPUP) {
        const at = now + command.wrapupSeconds * 1000;
        next = enter(base, LoginStatus.WRAPUP, AgentStateAction.LOGIN, now, { ...session, wrapupEndsAt: at });
        effects.push({ type: 'publishStatus' }, { type: 'scheduleWrapupEnd', at });
      } else {
        next = enter(base, LoginStatus.IDLE, AgentStateAction.LOGIN, now, session);
        effects.push({ type: 'publishStatus' }, { type: 'available' });
      }
      next.stateSince = now;
      return { ok: true, next, effects };
    }

    case 'logout': {
      if (!isSignedIn(record) || !record.sessionId) return refuse('NOT_LOGGED_IN', 'not logined');
      if (inCall(record) && command.mode === 1) return refuse('AGENT_IN_CALL', 'agent in call: hang up first or use logoutMode 2');
      if (command.mode === 2 && (inCall(record) || record.loginStatus === LoginStatus.WRAPUP)) {
        const next = { ...record, logoutPending: { unbindEndpoint: command.unbindEndpoint } };
        return { ok: true, next, effects: [], message: 'logout after the current call and wrap-up' };
      }
      const next = signOut(record, AgentStateAction.LOGOUT, now, command.unbindEndpoint);
      return {
        ok: true,
        next,
        effects: [{ type: 'publishStatus' }, { type: 'endSession', sessionId: record.sessionId, reason: 'logout' }],
      };
    }

    case 'pause': {
      if (!isSignedIn(record)) return refuse('NOT_LOGGED_IN', 'not logined');
      if (inCall(record)) return refuse('AGENT_IN_CALL', 'deviceStatus not in idle');
      const leftWrapup = leaveWrapupEarly(record, now);
      if (leftWrapup) return leftWrapup;
      const next = enter(record, LoginStatus.BUSY, AgentStateAction.PAUSE, now, {
        pauseType: command.pauseType,
        pauseDescription: command.pauseDescription,
      });
      return { ok: true, next, effects: [{ type: 'publishStatus' }] };
    }

    case 'unpause': {
      if (!isSignedIn(record)) return refuse('NOT_LOGGED_IN', 'not logined');
      if (record.loginStatus === LoginStatus.IDLE) return refuse('ALREADY_IN_STATE', 'already ready');
      if (inCall(record)) return refuse('AGENT_IN_CALL', 'deviceStatus not in idle');
      const leftWrapup = leaveWrapupEarly(record, now);
      if (leftWrapup) return leftWrapup;
      const next = enter(record, LoginStatus.IDLE, AgentStateAction.UNPAUSE, now);
      return { ok: true, next, effects: [{ type: 'publishStatus' }, { type: 'available' }] };
    }

    case 'updateBoundEndpoint': {
      if (!isSignedIn(record)) return refuse('NOT_LOGGED_IN', 'not logined');
      if (inCall(record)) return refuse('AGENT_IN_CALL', 'deviceStatus not in idle');
      const next: AgentRecord = { ...record, bindEndpoint: command.bindEndpoint, stateAction: AgentStateAction.UPDATE_ENDPOINT };
      return { ok: true, next, effects: [{ type: 'publishStatus' }] };
    }

    case 'wrapupEnd': {
      // An agent who placed a call during wrap-up gets a new wrap-up when that call ends.
      if (record.loginStatus !== LoginStatus.WRAPUP || (record.wrapupEndsAt ?? 0) > now || inCall(record)) {
        return refuse('NOT_IN_WRAPUP', 'not in wrap-up');
      }
      const deferredLogout = completeDeferredLogout(record, now);
      if (deferredLogout) return deferredLogout;
      if (record.pauseAfterCall) {
        const next = enter(record, LoginStatus.BUSY, AgentStateAction.WRAPUP_END, now, record.pauseAfterCall);
        delete next.pauseAfterCall;
        return { ok: true, next, effects: [{ type: 'publishStatus' }] };
      }
      return {
        ok: true,
        next: enter(record, LoginStatus.IDLE, AgentStateAction.WRAPUP_END, now),
        effects: [{ type: 'publishStatus' }, { type: 'available' }],
      };
    }

    case 'prolongWrapup': {
      if (!isSignedIn(record)) return refuse('NOT_LOGGED_IN', 'not logined');
      if (record.loginStatus !== LoginStatus.WRAPUP || record.wrapupEndsAt === undefined) return refuse('NOT_IN_WRAPUP', 'not in wrap-up');
      const at = record.wrapupEndsAt + command.seconds * 1000;
      return {
        ok: true,
        next: { ...record, wrapupEndsAt: at, stateAction: AgentStateAction.PROLONG_WRAPUP },
        effects: [{ type: 'publishStatus' }, { type: 'scheduleWrapupEnd', at }],
      };
    }

    case 'offer': {
      if (!isSignedIn(record)) return refuse('NO_SUCH_AGENT', 'no such agent');
      if (inCall(record)) return refuse('AGENT_BUSY', 'agent busy');
      if (command.requireIdle && record.loginStatus !== LoginStatus.IDLE) return refuse('AGENT_BUSY', 'agent not idle');
      if (command.requireIdle && record.detachedSince !== undefined) return refuse('AGENT_BUSY', 'agent not connected');
      const next: AgentRecord = {
        ...record,
        deviceStatus: DeviceStatus.INVITE,
        callId: command.callId,
        callType: command.callType,
        stateAction: AgentStateAction.OFFER,
        stateSince: now,
        lastOfferAt: now,
      };
      if (record.loginStatus === LoginStatus.BUSY && record.pauseType !== undefined && record.pauseDescription !== undefined) {
        next.pauseAfterCall = { pauseType: record.pauseType, pauseDescription: record.pauseDescription };
      }
      return { ok: true, next, effects: [{ type: 'publishStatus' }] };
    }

    case 'callRinging': {
      if (record.callId !== command.callId || record.deviceStatus !== DeviceStatus.INVITE)
        return refuse('INVALID_STATE', 'not offered this call');
      return {
        ok: true,
        next: { ...record, deviceStatus: DeviceStatus.RINGING, stateAction: AgentStateAction.RING },
        effects: [{ type: 'publishStatus' }],
      };
    }

    case 'callConnected': {
      if (record.callId !== command.callId || !inCall(record)) return refuse('INVALID_STATE', 'not offered this call');
      const next: AgentRecord = {
        ...record,
        deviceStatus: DeviceStatus.IN_USE,
        stateAction: AgentStateAction.ANSWER,
        stateSince: now,
        callsAnswered: (record.callsAnswered ?? 0) + 1,
      };
      return { ok: true, next, effects: [{ type: 'publishStatus' }] };
    }

    case 'setMonitoredBy':
    case 'setMonitoring': {
      if (record.callId !== command.callId) return refuse('INVALID_STATE', 'not in this call');
      const next: AgentRecord = { ...record, stateAction: AgentStateAction.MONITOR };
      if (command.type === 'setMonitoredBy') {
        if (command.by) next.monitoredBy = command.by;
        else delete next.monitoredBy;
      } else if (command.target) next.monitoring = command.target;
      else delete next.monitoring;
      return { ok: true, next, effects: [{ type: 'publishStatus' }] };
    }

    case 'callEnded': {
      if (record.callId !== command.callId) return refuse('INVALID_STATE', 'not in this call');
      const cleared = clearCall({ ...record, deviceStatus: DeviceStatus.IDLE });
      if (command.wrapupSeconds > 0) {
        const at = now + command.wrapupSeconds * 1000;
        const next = enter(cleared, LoginStatus.WRAPUP, AgentStateAction.HANGUP, now, { wrapupEndsAt: at });
        next.stateSince = now;
        return { ok: true, next, effects: [{ type: 'publishStatus' }, { type: 'scheduleWrapupEnd', at }] };
      }
      return afterCallWithoutWrapup(cleared, AgentStateAction.HANGUP, now);
    }

    case 'offerReleased': {
      if (record.callId !== command.callId) return refuse('INVALID_STATE', 'not offered this call');
      const cleared = clearCall({ ...record, deviceStatus: DeviceStatus.IDLE });
      if (command.reason === 'ringNoAnswer') {
        delete cleared.pauseAfterCall;
        const next = enter(cleared, LoginStatus.BUSY, AgentStateAction.RING_NO_ANSWER, now, { ...RING_NO_ANSWER_PAUSE });
        next.stateSince = now;
        return { ok: true, next, effects: [{ type: 'publishStatus' }] };
      }
      return afterCallWithoutWrapup(cleared, AgentStateAction.OFFER_RELEASED, now);
    }

    case 'endSession': {
      if (record.sessionId !== command.sessionId) return refuse('SESSION_ENDED', 'session ended');
      const next = signOut(record, END_SESSION_ACTIONS[command.reason], now, false);
      return {
        ok: true,
        next,
        effects: [{ type: 'publishStatus' }, { type: 'endSession', sessionId: command.sessionId, reason: command.reason }],
      };
    }

    case 'setPause': {
      if (!isSignedIn(record)) return offlineTarget(record);
      if (inCall(record)) return refuse('AGENT_IN_CALL', 'deviceStatus not in idle');
      const next = enter(record, LoginStatus.BUSY, AgentStateAction.SET_PAUSE, now, { ...SUPERVISOR_PAUSE });
      return { ok: true, next, effects: [{ type: 'publishStatus' }] };
    }

    case 'setUnpause': {
      if (!isSignedIn(record)) return offlineTarget(record);
      if (record.loginStatus === LoginStatus.IDLE) return refuse('ALREADY_IN_STATE', 'already ready');
      if (inCall(record)) return refuse('AGENT_IN_CALL', 'deviceStatus not in idle');
      const next = enter(record, LoginStatus.IDLE, AgentStateAction.SET_UNPAUSE, now);
      return { ok: true, next, effects: [{ type: 'publishStatus' }, { type: 'available' }] };
    }

    case 'setOnline': {
      if (isSignedIn(record)) return refuse('ALREADY_IN_STATE', `agent ${record.agentNo} is already signed in`);
      const base = { ...record, deviceStatus: DeviceStatus.IDLE };
      const next = enter(base, LoginStatus.IDLE, AgentStateAction.SET_ONLINE, now, { bindEndpoint: command.bindEndpoint, loginTime: now });
      next.stateSince = now;
      return { ok: true, next, effects: [{ type: 'publishStatus' }, { type: 'available' }] };
    }

    case 'socketAttached': {
      if (record.sessionId !== command.sessionId) return refuse('SESSION_ENDED', 'session ended');
      const next = { ...record, socketOwnerId: command.socketOwnerId };
      delete next.detachedSince;
      delete next.eventsLost;
      if (record.detachedSince === undefined) return { ok: true, next, effects: [] };
      const effects: AgentEffect[] = [{ type: 'connectionChanged' }];
      if (record.loginStatus === LoginStatus.IDLE) effects.push({ type: 'available' });
      return { ok: true, next, effects };
    }

    case 'socketDetached': {
      if (record.sessionId !== command.sessionId) return refuse('SESSION_ENDED', 'session ended');
      if (record.detachedSince !== undefined) return { ok: true, next: record, effects: [] };
      return { ok: true, next: { ...record, detachedSince: command.at }, effects: [{ type: 'connectionChanged' }] };
    }

    case 'sessionAdopted': {
      if (record.sessionId !== command.sessionId) return refuse('SESSION_ENDED', 'session ended');
      const next: AgentRecord = { ...record, socketOwnerId: command.by, detachedSince: record.detachedSince ?? command.at };
      if (command.eventsLost) next.eventsLost = true;
      return { ok: true, next, effects: record.detachedSince === undefined ? [{ type: 'connectionChanged' }] : [] };
    }

    case 'setOffline': {
      if (!isSignedIn(record)) return offlineTarget(record);
      if (inCall(record)) return refuse('AGENT_IN_CALL', 'deviceStatus not in idle');
      const effects: AgentEffect[] = [{ type: 'publishStatus' }];
      if (record.sessionId) effects.push({ type: 'endSession', sessionId: record.sessionId, reason: 'supervisor' });
      return { ok: true, next: signOut(record, AgentStateAction.SET_OFFLINE, now, command.unbindEndpoint), effects };
    }
  }
}
