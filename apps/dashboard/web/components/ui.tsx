import { type ReactNode, useState } from "react";
import { shortAddress } from "../../src/lib/format.ts";
import { pageOf } from "../../src/lib/paging.ts";
import { errorMessage } from "../errors.ts";

export function Section({
  title,
  children,
  actions,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="section" data-testid={testId}>
      <header className="section-head">
        <h2>{title}</h2>
        {actions ? <div className="section-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** Nothing to show yet: says why, and what to do about it. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** A failure to read or send: what went wrong, and what to do when we know it. */
export function ErrorNote({ error, hint }: { error: string | undefined; hint?: ReactNode }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {error}
      {hint ? <div className="hint">{hint}</div> : null}
    </div>
  );
}

export const Loading = ({ what }: { what: string }) => <div className="loading">Loading {what}…</div>;

export function Stat({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: ReactNode;
  note?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {note ? <div className="stat-note">{note}</div> : null}
    </div>
  );
}

/** An address, shortened, with the devnet role when known (full address on hover). */
export function Addr({ address, names }: { address: string; names?: ReadonlyMap<string, string> }) {
  const name = names?.get(address.toLowerCase());
  return (
    <span className="addr" title={address}>
      {name ? <strong>{name}</strong> : null} <code>{shortAddress(address)}</code>
    </span>
  );
}

/** A filled bar: `value / max`, red past `warnAt` (a fraction). */
export function Meter({
  value,
  max,
  warnAt = 0.9,
  label,
}: {
  value: bigint;
  max: bigint;
  warnAt?: number;
  label: string;
}) {
  const fraction = max === 0n ? (value > 0n ? 1 : 0) : Number((value * 10_000n) / max) / 10_000;
  const percent = Math.round(fraction * 100);
  return (
    <div className="meter" title={`${label}: ${percent} %`}>
      <div
        className={`meter-fill${fraction >= warnAt ? " warn" : ""}`}
        style={{ width: `${Math.min(100, fraction * 100)}%` }}
      />
      <span className="sr-only">
        {label}: {percent} %
      </span>
    </div>
  );
}

/** Page controls under a list; renders nothing for a single page. */
export function Pager({
  page,
  pages,
  total,
  onPage,
}: {
  page: number;
  pages: number;
  total: number;
  onPage: (page: number) => void;
}) {
  if (pages <= 1) return <div className="pager muted">{total} in all</div>;
  return (
    <div className="pager">
      <button type="button" onClick={() => onPage(page - 1)} disabled={page === 0}>
        ‹ newer
      </button>
      <span>
        page {page + 1} of {pages} ({total} in all)
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages - 1}>
        older ›
      </button>
    </div>
  );
}

/** A list's current page and its pager. */
export function usePaged<T>(all: readonly T[], size = 10) {
  const [page, setPage] = useState(0);
  const current = pageOf(all, page, size);
  return {
    ...current,
    pager: <Pager page={current.page} pages={current.pages} total={current.total} onPage={setPage} />,
  };
}

export type TxState =
  | { status: "idle" }
  | { status: "pending"; what: string }
  | { status: "done"; what: string; hash?: string }
  | { status: "failed"; what: string; error: string };

/** Runs one transaction (or signature) at a time and reports how it went. */
export function useTx() {
  const [state, setState] = useState<TxState>({ status: "idle" });
  const run = async <T,>(
    what: string,
    action: () => Promise<T & { hash?: string }>,
  ): Promise<T | undefined> => {
    setState({ status: "pending", what });
    try {
      const result = await action();
      setState({ status: "done", what, ...(result?.hash ? { hash: result.hash } : {}) });
      return result;
    } catch (error) {
      setState({ status: "failed", what, error: errorMessage(error) });
      return undefined;
    }
  };
  return { state, run, busy: state.status === "pending", reset: () => setState({ status: "idle" }) };
}

export function TxStatus({ state }: { state: TxState }) {
  if (state.status === "idle") return null;
  if (state.status === "pending")
    return (
      <div className="tx pending" role="status">
        {state.what}…
      </div>
    );
  if (state.status === "failed")
    return (
      <div className="tx failed" role="alert">
        {state.what} failed: {state.error}
      </div>
    );
  return (
    <div className="tx done" role="status">
      {state.what}: done
      {state.hash ? (
        <>
          {" "}
          in <code>{state.hash.slice(0, 10)}…</code>
        </>
      ) : null}
    </div>
  );
}
