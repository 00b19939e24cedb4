import { conformanceSuite } from './suite.ts';

await conformanceSuite('alibaba-dypnsapi-intl');
