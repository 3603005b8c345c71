import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from './config.js';

describe('KIDTALK_BACKGROUND_NICE', () => {
  it('defaults to 19 and takes 0 (off) through 19', () => {
    expect(buildConfig({}).backgroundNice).toBe(19);
    expect(buildConfig({ backgroundNice: '0' }).backgroundNice).toBe(0);
    expect(buildConfig({ backgroundNice: '10' }).backgroundNice).toBe(10);
  });

  it.each(['-1', '20', '1.5', 'high', '', ' '])('refuses %j by name', (raw) => {
    expect(() => buildConfig({ backgroundNice: raw })).toThrow(ConfigError);
    expect(() => buildConfig({ backgroundNice: raw })).toThrow(/KIDTALK_BACKGROUND_NICE/);
  });
});

it('refuses an integer variable set to nothing rather than reading it as 0', () => {
  expect(() => buildConfig({ port: '' })).toThrow(/KIDTALK_PORT/);
  expect(() => buildConfig({ pinScryptCost: ' ' })).toThrow(/KIDTALK_PIN_SCRYPT_COST/);
});
