/** Placeholder until this console lands. */
export default function ReportPage() {
  return <main className="placeholder">ReportPage</main>;
}
