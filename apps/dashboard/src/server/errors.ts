import { BaseError } from "@palisade/errors";

/** Every error the dashboard server names; `status` and `code` are what the HTTP answer says. */
export class DashboardError extends BaseError {
  override name = "DashboardError";
  readonly status: number = 500;
  readonly code: string = "internal";
}

/** The command line asked for help, or was wrong. */
export class DashboardConfigError extends DashboardError {
  override name = "DashboardConfigError";
  constructor(
    message: string,
    readonly help = false,
  ) {
    super(message);
  }
}

/** deployment.json is missing or invalid: the devnet is not running, or the path is wrong. */
export class DeploymentUnavailableError extends DashboardError {
  override name = "DeploymentUnavailableError";
  override readonly status = 503;
  override readonly code = "deployment_unavailable";
}

/** The built pages are missing (`npm run build` was not run). */
export class StaticFilesMissingError extends DashboardError {
  override name = "StaticFilesMissingError";
  override readonly status = 503;
  override readonly code = "not_built";
  constructor(readonly staticDir: string) {
    super(`the dashboard is not built: no ${staticDir}/index.html`, {
      details: "run `npm run build` (or `npm run build -w apps/dashboard`) and reload",
    });
  }
}

/** A proxied service is not listed in services.json (or the deployment has no such section). */
export class UnknownServiceError extends DashboardError {
  override name = "UnknownServiceError";
  override readonly status = 404;
  override readonly code = "unknown_service";
}

/** The service behind a proxy route did not answer. */
export class UpstreamUnavailableError extends DashboardError {
  override name = "UpstreamUnavailableError";
  override readonly status = 502;
  override readonly code = "upstream_unavailable";
  constructor(service: string, cause: unknown) {
    super(`${service} did not answer`, { cause });
  }
}

/** A request the dashboard refuses: wrong method, cross-site, too large, a JSON-RPC method it does not forward. */
export class RequestRefusedError extends DashboardError {
  override name = "RequestRefusedError";
  constructor(
    override readonly status: number,
    override readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends DashboardError {
  override name = "NotFoundError";
  override readonly status = 404;
  override readonly code = "not_found";
}
