/** What a proxy child process tells the test that started it, over the IPC channel. */
export type ProxyProcessMessage =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'tunnel'; readonly target: string; readonly authorized: boolean };
