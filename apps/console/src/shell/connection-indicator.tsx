/** The SDK's connection to the gateway, in the top bar: online, connecting, reconnecting (with the attempt), offline. */
import { Wifi, WifiOff, RefreshCw } from 'lucide';
import type { ConnectionView } from '../state/desk-state.js';
import { Icon } from '../ui/icon.js';

export function connectionLabel(connection: ConnectionView): string {
  switch (connection.state) {
    case 'open':
      return 'Online';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return connection.attempt === undefined ? 'Reconnecting…' : `Reconnecting · attempt ${connection.attempt}`;
    case 'closed':
      return 'Offline';
  }
}

export function ConnectionIndicator({ connection }: { connection: ConnectionView }) {
  const icon = connection.state === 'open' ? Wifi : connection.state === 'closed' ? WifiOff : RefreshCw;
  return (
    <span class={`connection connection--${connection.state}`} role="status" title={connection.reason}>
      <Icon icon={icon} size={16} />
      <span class="top-bar__label">{connectionLabel(connection)}</span>
    </span>
  );
}
