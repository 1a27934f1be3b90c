import { cacheFromConfig, type CacheBindings, type ConstraintCache } from '../../src/cache/index.js';
import { createCompileApp } from '../../src/compile/routes.js';

let cache: ConstraintCache | undefined;

// One cache per isolate: its memory layer must outlive a request to ever hit.
export default createCompileApp<CacheBindings>((env) => (cache ??= cacheFromConfig(env).cache));
