/** Shown when /sdk/agent-sdk.js did not load: the console cannot work without the SDK. */
export function SdkMissing() {
  return (
    <main class="fatal">
      <div class="fatal__card" role="alert">
        <h1>AgentSDK did not load</h1>
        <p>
          The console uses the public SDK from <code>/sdk/agent-sdk.js</code>. Build it with <code>npm run build</code> and reload.
        </p>
      </div>
    </main>
  );
}
