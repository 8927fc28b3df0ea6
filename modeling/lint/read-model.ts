import { readFile } from 'node:fs/promises';

/**
 * Reads a model file as text in the encoding it declares. XML says its encoding with a byte
 * order mark or in its declaration (`<?xml version="1.0" encoding="UTF-16"?>`); Camunda's
 * engine parses models with a standard XML parser, which honours both, so a UTF-16 or
 * ISO-8859-1 model it deploys must not read as garbage here. Unknown encodings fall back to UTF-8.
 */
export async function readModel(file: string): Promise<string> {
  return decodeXml(await readFile(file));
}

export function decodeXml(bytes: Uint8Array): string {
  const encoding = encodingOf(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  // TextDecoder drops a byte order mark that matches its encoding. The text is decoded now, so
  // the declaration says UTF-8 for the parser (bpmn-moddle reads strings and warns on others).
  return decoder.decode(bytes).replace(/^(<\?xml[^>]*\bencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
}

function encodingOf(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // No mark: "<?" in UTF-16 without BOM starts with a zero byte on one side.
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return 'utf-16be';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return declared ? declared[1]!.toLowerCase() : 'utf-8';
}
