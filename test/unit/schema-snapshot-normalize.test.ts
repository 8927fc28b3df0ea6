import { describe, expect, it } from 'vitest';
import { normalizeDump } from '../../ledger/schema-snapshot.ts';

const dump = (key: string, version: string) => `--
-- PostgreSQL database dump
--

\\restrict ${key}

-- Dumped from database version ${version}
-- Dumped by pg_dump version ${version}

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);

--
-- Name: integration; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA integration;



--
-- PostgreSQL database dump complete
--

\\unrestrict ${key}
`;

describe('normalizeDump', () => {
  it('keeps the DDL and drops what changes between runs and machines', () => {
    const a = normalizeDump(dump('k3yA', '15.20'));
    expect(a).toBe(normalizeDump(dump('otherKey', '15.7')));
    expect(a).toContain('CREATE SCHEMA integration;');
    expect(a).toContain('-- Name: integration; Type: SCHEMA');
    expect(a).not.toMatch(/restrict|Dumped|^SET |set_config|\n\n\n/m);
  });
});
