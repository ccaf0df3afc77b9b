// The French message under a field, linked to it by aria-describedby.

export function errorId(id: string): string {
  return `${id}-erreur`;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field-error" id={errorId(id)}>
      {message}
    </p>
  );
}
