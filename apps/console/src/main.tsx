/** Entry of the console bundle: styles, the SDK event bridge, and the app. */
import './styles/index.css';
import { render } from 'preact';
import { App } from './shell/app.js';
import { SdkMissing } from './shell/sdk-missing.js';
import { isAgentSdkLoaded } from './sdk/agent-sdk.js';
import { connectSdkEvents } from './state/sdk-bridge.js';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  if (isAgentSdkLoaded()) {
    connectSdkEvents();
    render(<App />, root);
  } else {
    render(<SdkMissing />, root);
  }
}
