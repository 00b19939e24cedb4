export * from './types.ts';
export * from './percent.ts';
export * from './credentials.ts';
export * from './alibaba-v3.ts';
export * from './alibaba-v1.ts';
export * from './huawei.ts';
export * from './jpush.ts';
