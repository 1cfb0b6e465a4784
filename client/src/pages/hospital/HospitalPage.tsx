/** Placeholder until this console lands. */
export default function HospitalPage() {
  return <main className="placeholder">HospitalPage</main>;
}
