import type { EventLog } from "../../chain/events.ts";

export interface ReviewRow {
  reviewId: bigint;
  purchaseId: bigint;
  reviewer: string;
  rating: number;
  scoreDelta: bigint;
  text: string | undefined;
  block: bigint;
  challenged: { bond: bigint; challenger: string } | undefined;
  resolved: { reviewStands: boolean; byCertificate: boolean } | undefined;
  finalized: boolean;
}

/** The text of a review posted from this dashboard (a `data:` URI); undefined for other URIs. */
export function reviewText(uri: string): string | undefined {
  const match = /^data:text\/plain(?:;charset=utf-8)?,(.*)$/s.exec(uri);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** Reviews, newest first, with their challenge and resolution, from the ReviewBoard's events. */
export function reviewRows(
  reviewed: EventLog[],
  challenged: EventLog[],
  resolved: EventLog[],
  finalized: EventLog[],
): ReviewRow[] {
  const byId = <T>(logs: EventLog[], map: (log: EventLog) => T) =>
    new Map(logs.map((log) => [log.args.reviewId as bigint, map(log)]));
  const challenges = byId(challenged, (log) => ({
    bond: log.args.bond as bigint,
    challenger: String(log.args.challenger),
  }));
  const resolutions = byId(resolved, (log) => ({
    reviewStands: Boolean(log.args.reviewStands),
    byCertificate: Boolean(log.args.byCertificate),
  }));
  const finals = new Set(finalized.map((log) => log.args.reviewId as bigint));
  return [...reviewed].reverse().map((log) => {
    const reviewId = log.args.reviewId as bigint;
    return {
      reviewId,
      purchaseId: log.args.purchaseId as bigint,
      reviewer: String(log.args.reviewer),
      rating: Number(log.args.rating),
      scoreDelta: log.args.scoreDelta as bigint,
      text: reviewText(String(log.args.uri ?? "")),
      block: log.blockNumber,
      challenged: challenges.get(reviewId),
      resolved: resolutions.get(reviewId),
      finalized: finals.has(reviewId),
    };
  });
}

export function reviewState(row: ReviewRow): string {
  if (row.resolved)
    return row.resolved.reviewStands ? "challenge lost: review stands" : "challenge won: review struck";
  if (row.challenged) return "challenged, awaiting resolution";
  if (row.finalized) return "final";
  return "open";
}
