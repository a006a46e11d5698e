import { describe, expect, it } from 'vitest';
import { configurationReferences } from './configuration-references.js';

const access = (value: unknown) => ({ access_json: JSON.stringify(value), router_json: null });
const router = (value: unknown) => ({ access_json: null, router_json: JSON.stringify(value) });

describe('configurationReferences', () => {
  it('finds the provider in the provider allow-list, exactly', () => {
    expect(configurationReferences(access({ providers: { allow: ['lab'] } }), 'lab')).toBe(true);
    expect(configurationReferences(access({ providers: { allow: ['lab-2'] } }), 'lab')).toBe(false);
  });

  it('finds provider:model entries in the model allow-list, but not bare ids', () => {
    expect(configurationReferences(access({ models: { allow: ['lab:llama3'] } }), 'lab')).toBe(true);
    expect(
      configurationReferences(access({ models: { allow: ['lab-2:llama3', 'lab/llama3', 'lab'] } }), 'lab'),
    ).toBe(false);
  });

  it('finds router rules by provider or by model', () => {
    const steps = [{ type: 'user', keys: [{ id: 'aigpk_1' }] }];
    expect(configurationReferences(router({ rules: [{ provider: 'lab', steps }] }), 'lab')).toBe(true);
    expect(configurationReferences(router({ rules: [{ model: 'lab:llama3', steps }] }), 'lab')).toBe(true);
    expect(
      configurationReferences(
        router({ rules: [{ provider: 'openai', model: 'openai:gpt-4o', steps }] }),
        'lab',
      ),
    ).toBe(false);
  });

  it('treats empty columns as no reference and unparseable text conservatively', () => {
    expect(configurationReferences({ access_json: null, router_json: null }, 'lab')).toBe(false);
    expect(configurationReferences({ access_json: '{broken lab', router_json: null }, 'lab')).toBe(true);
    expect(configurationReferences(access({ providers: 'lab' }), 'lab')).toBe(false);
  });
});
