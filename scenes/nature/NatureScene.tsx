export function NatureScene() {
  return <ambientLight />;
}
