"""gpt4free's OpenAssistant provider (2023), as the seed of Switchyard wrote it: aiohttp, one
session per call, the same five requests, `data: ` lines parsed with json.loads. Warm: it waits
for a line on stdin before each call and prints how long the call took, so the benchmark times
calls, not the interpreter starting. Usage: seed-openassistant.py BASE_URL SESSION_COOKIE MODEL"""
import asyncio
import json
import sys
import time

from aiohttp import ClientSession

USER_AGENT = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36"
)


def format_prompt(messages):
    if len(messages) == 1:
        return messages[0]["content"]
    lines = [f'{m["role"].capitalize()}: {m["content"]}' for m in messages if m["content"].strip()]
    return "\n".join(lines) + "\nAssistant:"


async def create_async_generator(base_url, model, messages, cookies, proxy=None, **kwargs):
    headers = {"User-Agent": USER_AGENT}
    async with ClientSession(cookies=cookies, headers=headers) as session:
        async with session.post(f"{base_url}/api/chat", proxy=proxy) as response:
            chat_id = (await response.json())["id"]
        data = {"chat_id": chat_id, "content": f"<s>[INST]\n{format_prompt(messages)}\n[/INST]", "parent_id": None}
        async with session.post(f"{base_url}/api/chat/prompter_message", proxy=proxy, json=data) as response:
            parent_id = (await response.json())["id"]
        data = {
            "chat_id": chat_id,
            "parent_id": parent_id,
            "model_config_name": model,
            "sampling_parameters": {
                "top_k": 50,
                "top_p": None,
                "typical_p": None,
                "temperature": 0.35,
                "repetition_penalty": 1.1111111111111112,
                "max_new_tokens": 1024,
                **kwargs,
            },
            "plugins": [],
        }
        async with session.post(f"{base_url}/api/chat/assistant_message", proxy=proxy, json=data) as response:
            data = await response.json()
            if "id" in data:
                message_id = data["id"]
            elif "message" in data:
                raise RuntimeError(data["message"])
            else:
                response.raise_for_status()
        params = {"chat_id": chat_id, "message_id": message_id}
        async with session.post(f"{base_url}/api/chat/events", proxy=proxy, params=params) as response:
            start = "data: "
            async for line in response.content:
                line = line.decode("utf-8")
                if line and line.startswith(start):
                    line = json.loads(line[len(start):])
                    if line["event_type"] == "token":
                        yield line["text"]
        params = {"chat_id": chat_id}
        async with session.delete(f"{base_url}/api/chat", proxy=proxy, params=params) as response:
            response.raise_for_status()


async def main():
    base_url, cookie, model = sys.argv[1], sys.argv[2], sys.argv[3]
    name, _, value = cookie.partition("=")
    messages = [{"role": "user", "content": "Count for me."}]
    for _ in sys.stdin:
        started = time.perf_counter()
        characters = 0
        async for text in create_async_generator(base_url, model, messages, {name: value}):
            characters += len(text)
        print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "characters": characters}), flush=True)


asyncio.run(main())
