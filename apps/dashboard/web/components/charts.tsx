// Loaded on demand (see lazyCharts.tsx): recharts is most of the bundle, and the first paint needs none of it.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

const height = 220;
const grid = <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ee" />;

/** A provider's performance score after each change, by block. */
export function ScoreChart({ points }: { points: { block: number; score: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        {grid}
        <XAxis
          dataKey="block"
          type="number"
          domain={["dataMin", "dataMax"]}
          tickCount={6}
          label={{ value: "block", position: "insideBottomRight", offset: -4 }}
        />
        <YAxis allowDecimals={false} width={48} />
        <Tooltip formatter={(value) => [value, "score"]} labelFormatter={(block) => `block ${block}`} />
        <Line
          type="stepAfter"
          dataKey="score"
          stroke="#2156d6"
          strokeWidth={2}
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Each operator's stake (value units): allocated to each operator set, and not allocated. */
export function StakeBars({ rows, sets }: { rows: Record<string, number | string>[]; sets: string[] }) {
  const colors = ["#2156d6", "#1a9c6b", "#b06a00", "#8a3fd1"];
  return (
    <ResponsiveContainer width="100%" height={height + 40}>
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        {grid}
        <XAxis dataKey="name" />
        <YAxis width={56} />
        <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(4) : value)} />
        <Legend />
        {sets.map((set, index) => (
          <Bar
            key={set}
            dataKey={set}
            stackId="stake"
            fill={colors[index % colors.length]}
            isAnimationActive={false}
          />
        ))}
        <Bar dataKey="not allocated" stackId="stake" fill="#c9d1de" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** α·(U − U_i) if member i exits, against (1+γ)·π: a bar under the line breaks the set's security. */
export function ExitChart({
  rows,
  required,
  current,
}: {
  rows: { name: string; cost: number; breaks: boolean }[];
  required: number;
  current: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
        {grid}
        <XAxis dataKey="name" />
        <YAxis
          width={56}
          domain={[0, (max: number) => Math.max(max, required, current) * 1.1]}
          tickFormatter={(v: number) => v.toFixed(1)}
        />
        <Tooltip
          formatter={(value) => [typeof value === "number" ? value.toFixed(4) : value, "α·U after this exit"]}
        />
        <ReferenceLine
          y={required}
          stroke="#c62828"
          strokeDasharray="6 3"
          label={{ value: "(1+γ)·π", position: "insideTopRight", fill: "#c62828" }}
        />
        <ReferenceLine
          y={current}
          stroke="#2156d6"
          strokeDasharray="2 2"
          label={{ value: "α·U now", position: "insideTopLeft", fill: "#2156d6" }}
        />
        <Bar dataKey="cost" isAnimationActive={false}>
          {rows.map((row) => (
            <Cell key={row.name} fill={row.breaks ? "#c62828" : "#1a9c6b"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Signed stake of each recent certificate (% of the registered stake) against the quorum threshold. */
export function CertificateChart({
  rows,
  threshold,
}: {
  rows: { label: string; signed: number }[];
  threshold: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
        {grid}
        <XAxis dataKey="label" />
        <YAxis width={48} domain={[0, 100]} unit=" %" />
        <Tooltip
          formatter={(value) => [`${typeof value === "number" ? value.toFixed(1) : value} %`, "signed stake"]}
        />
        <ReferenceLine
          y={threshold}
          stroke="#c62828"
          strokeDasharray="6 3"
          label={{ value: "quorum", position: "insideTopRight", fill: "#c62828" }}
        />
        <Bar dataKey="signed" fill="#2156d6" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
