/** While the SDK reconnects, a banner says so: operations wait for the connection, calls on the phone go on. */
import type { ConnectionView } from '../state/desk-state.js';
import { connectionLabel } from './connection-indicator.js';

export function ConnectionBanner({ connection }: { connection: ConnectionView }) {
  if (connection.state !== 'reconnecting' && connection.state !== 'connecting') return null;
  return (
    <div class="banner banner--warning" role="alert">
      <strong>{connectionLabel(connection)}</strong>
      <span>
        The connection to the gateway was interrupted. Your phone keeps any call in progress; controls work again once the connection is
        back.
      </span>
    </div>
  );
}
