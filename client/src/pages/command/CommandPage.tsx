/** Placeholder until this console lands. */
export default function CommandPage() {
  return <main className="placeholder">CommandPage</main>;
}
