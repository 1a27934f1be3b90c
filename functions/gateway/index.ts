import { createGatewayApp } from '../../src/gateway/routes.js';

export default createGatewayApp();
