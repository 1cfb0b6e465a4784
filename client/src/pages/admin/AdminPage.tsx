/** Placeholder until this console lands. */
export default function AdminPage() {
  return <main className="placeholder">AdminPage</main>;
}
