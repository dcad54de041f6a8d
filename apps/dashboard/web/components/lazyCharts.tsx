import { type ComponentProps, lazy, Suspense } from "react";

const charts = () => import("./charts.tsx");
const Score = lazy(() => charts().then((m) => ({ default: m.ScoreChart })));
const Stake = lazy(() => charts().then((m) => ({ default: m.StakeBars })));
const Exit = lazy(() => charts().then((m) => ({ default: m.ExitChart })));
const Certificates = lazy(() => charts().then((m) => ({ default: m.CertificateChart })));

const fallback = <div className="chart-loading">Loading chart…</div>;

export const ScoreChart = (props: ComponentProps<typeof Score>) => (
  <Suspense fallback={fallback}>
    <Score {...props} />
  </Suspense>
);
export const StakeBars = (props: ComponentProps<typeof Stake>) => (
  <Suspense fallback={fallback}>
    <Stake {...props} />
  </Suspense>
);
export const ExitChart = (props: ComponentProps<typeof Exit>) => (
  <Suspense fallback={fallback}>
    <Exit {...props} />
  </Suspense>
);
export const CertificateChart = (props: ComponentProps<typeof Certificates>) => (
  <Suspense fallback={fallback}>
    <Certificates {...props} />
  </Suspense>
);
