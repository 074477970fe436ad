import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { passesCsrfPrevention } from '../../src/http/edge/csrf.js';

describe('passesCsrfPrevention (Apollo csrfPrevention: true)', () => {
  const table: Array<[string, string, IncomingHttpHeaders, boolean]> = [
    ['a GET without headers is refused', 'GET', {}, false],
    ['a GET with x-apollo-operation-name is allowed', 'GET', { 'x-apollo-operation-name': 'Quote' }, true],
    ['a GET with apollo-require-preflight is allowed', 'GET', { 'apollo-require-preflight': 'true' }, true],
    ['an empty preflight header does not count', 'GET', { 'apollo-require-preflight': '' }, false],
    ['a GET with content-type application/json is allowed', 'GET', { 'content-type': 'application/json' }, true],
    ['a POST of application/json is allowed', 'POST', { 'content-type': 'application/json' }, true],
    ['a POST of application/json; charset=utf-8 is allowed', 'POST', { 'content-type': 'application/json; charset=utf-8' }, true],
    ['a POST of text/plain is refused', 'POST', { 'content-type': 'text/plain' }, false],
    ['a POST of Text/Plain;charset=utf-8 is refused', 'POST', { 'content-type': 'Text/Plain;charset=utf-8' }, false],
    ['a form post is refused', 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, false],
    ['a multipart post is refused', 'POST', { 'content-type': 'multipart/form-data; boundary=x' }, false],
    ['a text/plain POST with a preflight header is allowed', 'POST', { 'content-type': 'text/plain', 'x-apollo-operation-name': 'Q' }, true],
    // Apollo lets an unparseable content-type through: a browser could only have sent it after a preflight.
    ['an unparseable content-type is allowed', 'POST', { 'content-type': 'not a mime type' }, true],
    ['an empty content-type is allowed', 'POST', { 'content-type': '' }, true],
    ['a content-type with a space before the slash is allowed', 'POST', { 'content-type': 'text /plain' }, true],
  ];
  it.each(table)('%s', (_name, method, headers, expected) => {
    expect(passesCsrfPrevention(method, headers)).toBe(expected);
  });
});
