/** Parts of the call record (`GET /api/v1/tenants/{tenantId}/cdrs`) that the gateway and its readers share. */

/**
 * The RTP of one leg with real media (a SIP trunk or desk phone), counted by the gateway over the leg's life:
 * `packetsSent` went to the far end, `packetsReceived` came from it, `packetsLost` are gaps in the far end's
 * sequence numbers, `jitterMs` is the RFC 3550 interarrival jitter of what it sent, in milliseconds, when the leg ended.
 */
export interface LegMediaStats {
  packetsSent: number;
  packetsReceived: number;
  packetsLost: number;
  jitterMs: number;
}
