import { conformanceSuite } from './suite.ts';

await conformanceSuite('alibaba-resourcedirectorymaster');
