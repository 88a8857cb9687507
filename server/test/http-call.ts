// One JSON call over real HTTP to a server the test started (a child process or a listening app).

export interface Answer<T> {
  status: number
  body: T
}

export interface CallInit {
  method?: string
  body?: unknown
  cookie?: string
}

/** `init.body` is sent as JSON; an empty answer body reads as null. */
export async function httpCall<T = unknown> (base: string, path: string, init: CallInit = {}): Promise<Answer<T>> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
}
