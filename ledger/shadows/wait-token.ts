/**
 * The process variable that carries the wait-scoped token of one message's wait: the open hook writes
 * the shadow's id into it, and a correlation to that wait requires it. One variable per message, so
 * waits for different messages in one instance keep their own tokens.
 */
export function waitTokenVariable(messageName: string): string | null {
  const name = `seamWait_${messageName}`;
  // Camunda 7 stores variable names in a varchar(255); a longer message name goes without a token rather than failing every wait.
  return name.length <= 255 ? name : null;
}
