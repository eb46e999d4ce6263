/**
 * A field's error and how its input points at its messages: the error first, when there is one,
 * then the rule under the field (`${id}-hint`), so a screen reader reads both.
 */
export function messageAttributes(id: string, error: string | null) {
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${id}-error ${id}-hint` : `${id}-hint`,
  };
}

export function FieldError({ id, error }: { id: string; error: string | null }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} class="error" role="alert">
      {error}
    </p>
  );
}
