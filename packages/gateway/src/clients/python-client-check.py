"""Drives the gateway with the official openai Python package, unmodified; prints what it saw as JSON.

The Node test that runs this queues the emulator's replies and a 429 in the order used here.
"""
import json
import os

import openai
from openai import OpenAI

base_url = os.environ["GATEWAY_BASE_URL"]
key = os.environ["GATEWAY_KEY"]
client = OpenAI(base_url=base_url, api_key=key, max_retries=0)
messages = [{"role": "user", "content": "Say hello."}]
seen = {"version": openai.__version__}


def error_of(call):
    try:
        call()
    except openai.APIError as error:
        return {"class": type(error).__name__, "status": getattr(error, "status_code", None), "code": error.code}
    return None


seen["401"] = error_of(
    lambda: OpenAI(base_url=base_url, api_key="sk-wrong", max_retries=0).chat.completions.create(
        model="default", messages=messages
    )
)
seen["404"] = error_of(lambda: client.chat.completions.create(model="no-such-model", messages=messages))
seen["429"] = error_of(lambda: client.chat.completions.create(model="LocalOpenAI/gpt-4o-mini", messages=messages))

response = client.chat.completions.with_raw_response.create(
    model="default", messages=messages, stream=True, stream_options={"include_usage": True}
)
text, finish, usage = "", None, None
for chunk in response.parse():
    if chunk.choices:
        text += chunk.choices[0].delta.content or ""
        finish = chunk.choices[0].finish_reason or finish
    if chunk.usage:
        usage = chunk.usage.completion_tokens
seen["stream"] = {
    "text": text,
    "finish": finish,
    "usage": usage,
    "provider": response.headers.get("x-switchyard-provider"),
}

completion = client.chat.completions.create(model="LocalOpenAI/gpt-4o-mini", messages=messages)
seen["complete"] = {"text": completion.choices[0].message.content, "finish": completion.choices[0].finish_reason}

partial = ""
try:
    for chunk in client.chat.completions.create(model="LocalOpenAI/gpt-4o-mini", messages=messages, stream=True):
        if chunk.choices:
            partial += chunk.choices[0].delta.content or ""
    seen["midstream"] = {"text": partial, "error": None}
except openai.APIError as error:
    seen["midstream"] = {"text": partial, "error": {"class": type(error).__name__, "code": error.code}}

print(json.dumps(seen))
