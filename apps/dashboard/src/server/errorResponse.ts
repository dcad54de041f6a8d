import { DashboardError } from "./errors.ts";

export interface ErrorBody {
  error: { code: string; message: string; details?: string };
}

/**
 * The one place errors become HTTP answers: the dashboard's named errors answer their own status and
 * code with the short message and the details (what to do: start the devnet, build the pages …);
 * anything else is a 500 that reveals nothing and is logged by the caller.
 */
export function errorResponse(error: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (error instanceof DashboardError) {
    return {
      status: error.status,
      body: {
        error: {
          code: error.code,
          message: error.shortMessage,
          ...(error.details ? { details: error.details } : {}),
        },
      },
      internal: error.status >= 500 && error.code === "internal",
    };
  }
  return { status: 500, body: { error: { code: "internal", message: "internal error" } }, internal: true };
}
