export declare const HAPROXY_TEMPLATE: string;
export declare function localHaproxyConfig(listenPort: number, nodePorts: number[]): string;
