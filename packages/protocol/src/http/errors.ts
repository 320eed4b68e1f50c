/** The one error shape of every HTTP answer that is not a success (docs/security.md "Error shapes"). */
export interface HttpErrorBody {
  error: {
    /** Stable, snake_case: `bad_request`, `unauthorized`, `no_such_agent`, `rate_limited`, ... */
    code: string;
    /** For people: what was wrong, never the refused input echoed back. */
    message: string;
  };
}
