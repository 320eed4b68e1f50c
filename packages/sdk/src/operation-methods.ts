/**
 * One method per operation, with the JSDoc an editor shows on hover: what it does, the spec section, when its Promise
 * resolves and the `errorCode`s it can resolve with (docs/04-API-Operations.md has the full text). Every method
 * resolves with its response (`code` 0, or -1 with `errorCode`) and rejects only with an AgentSdkError (local failure:
 * NOT_INITIALIZED, INVALID_PARAMS, WS_NOT_CONNECTED, REQUEST_TIMEOUT; docs/07-Error-Handling.md).
 */
import type { OperationName, OperationParams, OperationResponse } from '@agentsdk/protocol';

/** Parameters are optional exactly when the operation's schema accepts none. */
export type OperationMethod<K extends OperationName> =
  undefined extends OperationParams<K>
    ? (params?: OperationParams<K>) => Promise<OperationResponse<K>>
    : (params: OperationParams<K>) => Promise<OperationResponse<K>>;

export interface OperationMethods {
  /** Spec 3.1. Opens the connection and signs the agent in; resolves after `agentStatus` (`login`). Errors: 20012, 20016, 20025, 30002, 30003, 30004, 30008, 30010. */
  readonly login: OperationMethod<'login'>;
  /** Spec 3.2. Signs out: `logoutMode` 1 now (refused in a call: 30016), 2 after the call and wrap-up. Resolves after `agentStatus` (`logout`) for mode 1. Errors: 30001, 30016. */
  readonly logout: OperationMethod<'logout'>;
  /** Spec 3.3. Sets the agent busy with a pause reason; resolves after `agentStatus` (`pause`). Errors: 30001, 30008, 30016. */
  readonly pause: OperationMethod<'pause'>;
  /** Spec 3.3. Sets the agent idle (from busy or wrap-up); resolves after `agentStatus` (`unpause`). Errors: 30001, 30013 (already ready), 30016. */
  readonly unpause: OperationMethod<'unpause'>;
  /** Spec 3.4. Changes the phone the agent's calls ring; resolves after `agentStatus` (`updateBoundEndpoint`). Errors: 20016, 20025, 30016. */
  readonly updateBoundEndpoint: OperationMethod<'updateBoundEndpoint'>;

  /** Spec 4.1. Dials a customer: rings the agent, then the customer; resolves with `callId` after `previewObCallResult`. Errors: 20000, 20011, 20016, 20024, 20025, 20031, 20032, 20101, 20102. */
  readonly previewObCall: OperationMethod<'previewObCall'>;
  /** Spec 4.2. Stops a preview outbound call still being dialled. Errors: 30014. */
  readonly cancelPreviewObCall: OperationMethod<'cancelPreviewObCall'>;
  /** Spec 4.3. Hangs up (`side` 1 the agent, 2 the customer too); `sessionTerminate` follows. Errors: 30006 (ringing: use reject, or consulting), 30014. */
  readonly unlink: OperationMethod<'unlink'>;
  /** Spec 4.4. Rejects a ringing queue call, which returns to the queue. Errors: 30014. */
  readonly reject: OperationMethod<'reject'>;
  /** Spec 4.5. Puts the customer on hold (music); resolves after `callHeld`. Errors: 30006 (consulting), 30013, 30014. */
  readonly hold: OperationMethod<'hold'>;
  /** Spec 4.5. Takes the customer off hold; resolves after `callUnheld`. Errors: 30006, 30013, 30014. */
  readonly unhold: OperationMethod<'unhold'>;
  /** Spec 4.6. Mutes the agent's audio in a direction (`in`, `out`, `all`); resolves after `callMuted`. Errors: 30013, 30014. */
  readonly mute: OperationMethod<'mute'>;
  /** Spec 4.6. Unmutes; resolves after `callUnmuted`. Errors: 30013, 30014. */
  readonly unmute: OperationMethod<'unmute'>;
  /** Spec 4.7. Sends DTMF digits to the customer or the agent. Errors: 30014. */
  readonly sendDtmf: OperationMethod<'sendDtmf'>;
  /** Spec 4.8. Sends the customer to the satisfaction survey and frees the agent. Errors: 20016, 30014. */
  readonly performSatisfactionSurvey: OperationMethod<'performSatisfactionSurvey'>;
  /** Spec 4.9. Calls another agent or an extension; resolves with `callId`. Errors: 20000, 20011, 20012, 20016, 20025. */
  readonly InternalCall: OperationMethod<'InternalCall'>;
  /** Spec 4.10. Extends the wrap-up; resolves after `agentStatus` (`prolongWrapup`). Errors: 30015. */
  readonly prolongWrapup: OperationMethod<'prolongWrapup'>;
  /** Ours: after-call work, an outcome from the tenant's `dispositions` and notes for a call the agent handled. Errors: 20000. */
  readonly setDisposition: OperationMethod<'setDisposition'>;
  /** Spec 4.11. Starts working an auto outbound (progressive) task. Errors: 20000, 20016. */
  readonly startAutoObCallTask: OperationMethod<'startAutoObCallTask'>;
  /** Spec 4.12. Stops working a task. Errors: 30006 (not working it). */
  readonly pauseAutoObCallTask: OperationMethod<'pauseAutoObCallTask'>;
  /** Ours. The next due number of a preview task the session works, held for the agent with its variables; none when none is due. Errors: 20000, 20016. */
  readonly getPreviewNumber: OperationMethod<'getPreviewNumber'>;
  /** Ours. Passes the preview number the agent holds: recorded `skipped`, not dialled. Errors: 30006. */
  readonly skipPreviewNumber: OperationMethod<'skipPreviewNumber'>;
  /** Spec 4.13. Chooses preview, predictive or both. */
  readonly changeObCallMode: OperationMethod<'changeObCallMode'>;

  /** Spec 5.1. Consults a number, agent or extension, the customer on hold; resolves after `atxferStart`. Errors: 20011, 20016, 30006, 30014. */
  readonly startAtxfer: OperationMethod<'startAtxfer'>;
  /** Spec 5.1. Ends the consultation, back to the customer (`atxferEnded` reason `cancel`). Errors: 30006, 30014. */
  readonly cancelAtxfer: OperationMethod<'cancelAtxfer'>;
  /** Spec 5.1. Switches between the customer and the consulted party. Errors: 30006, 30014. */
  readonly resumeAtxfer: OperationMethod<'resumeAtxfer'>;
  /** Spec 5.2. Hands the customer to the consulted party; resolves after `completeAtxferResult`. Errors: 30006, 30014. */
  readonly completeAtxfer: OperationMethod<'completeAtxfer'>;
  /** Spec 5.3. Joins agent, customer and consulted party; resolves after `threewayAtxferResult`. Errors: 30006, 30014. */
  readonly threewayAtxfer: OperationMethod<'threewayAtxfer'>;
  /** Spec 5.4. Blind transfer to a number, agent, extension, queue or IVR node; the agent leaves at once. Errors: 20000, 20011, 20016, 30006, 30014. */
  readonly blxfer: OperationMethod<'blxfer'>;
  /** Spec 5.5. Sends the customer to an IVR node and back (`interactReturn`). Errors: 20000, 20016, 30014. */
  readonly transferIvr: OperationMethod<'transferIvr'>;

  /** Spec 6.1. Softphone: answers the ringing call in the browser. Rejects with SIP_NOT_AVAILABLE or MEDIA_NOT_SUPPORTED. */
  readonly sipLink: OperationMethod<'sipLink'>;
  /** Spec 6.1. Softphone: hangs up the browser call. Rejects with SIP_NOT_AVAILABLE. */
  readonly sipUnlink: OperationMethod<'sipUnlink'>;

  /** Spec 7.1. Supervisor: forces an agent busy (pauseType 4). Errors: 20012, 20016, 30016. */
  readonly setPause: OperationMethod<'setPause'>;
  /** Spec 7.1. Supervisor: sets an agent idle. Errors: 20012, 20016, 30013, 30016. */
  readonly setUnpause: OperationMethod<'setUnpause'>;
  /** Spec 7.2. Supervisor: listens to an agent's call; resolves after `spyResult`. Errors: 20016, 30006, 30013, 30014. */
  readonly spy: OperationMethod<'spy'>;
  /** Spec 7.2. Supervisor: leaves the monitored call. Errors: 30006. */
  readonly unspy: OperationMethod<'unspy'>;
  /** Spec 7.3. Supervisor: joins an agent's call as a third party; resolves after `threewayResult`. Errors: 20016, 30006, 30013, 30014. */
  readonly performThreeway: OperationMethod<'performThreeway'>;
  /** Spec 7.3. Supervisor: leaves the three-way call. Errors: 30006. */
  readonly cancelThreeway: OperationMethod<'cancelThreeway'>;
  /** Spec 7.4. Supervisor: speaks to the agent only; resolves after `whisperResult`. Errors: 20016, 30006, 30013, 30014. */
  readonly whisper: OperationMethod<'whisper'>;
  /** Spec 7.4. Supervisor: stops whispering. Errors: 30006. */
  readonly unWhisper: OperationMethod<'unWhisper'>;
  /** Spec 7.5. Supervisor: joins the call, heard by both; resolves after `bargeResult`. Errors: 20016, 30006, 30013, 30014. */
  readonly barge: OperationMethod<'barge'>;
  /** Spec 7.5. Supervisor: ends an agent's call; resolves after `disconnectResult`. Errors: 20016, 30014. */
  readonly disconnect: OperationMethod<'disconnect'>;
  /** Spec 7.6. Supervisor: takes a call ringing at an agent. Errors: 20016, 30014. */
  readonly pickup: OperationMethod<'pickup'>;
  /** Spec 7.7. Supervisor: signs an offline agent in on an endpoint, without a desktop. Errors: 20000, 20016, 20025, 30013. */
  readonly setOnline: OperationMethod<'setOnline'>;
  /** Spec 7.7. Supervisor: signs an agent out; resolves after `setOfflineResult`. Errors: 20012, 20016, 30016. */
  readonly setOffline: OperationMethod<'setOffline'>;
  /** Spec 7.8. Supervisor: status of watched queues (the response's action is `queueStatus`). Errors: 20000, 20016. */
  readonly getQueueStatus: OperationMethod<'getQueueStatus'>;
  /** Spec 7.9. Supervisor: the tenant's preview dialing tasks. Errors: 20016. */
  readonly ListPreviewDialingTask: OperationMethod<'ListPreviewDialingTask'>;
}

/** Compile-time: exactly one documented method per operation of the protocol. */
type SameKeys<A, B> = [Exclude<keyof A, B>, Exclude<B, keyof A>] extends [never, never] ? true : false;
const _EVERY_OPERATION_HAS_A_METHOD: SameKeys<OperationMethods, OperationName> = true;
