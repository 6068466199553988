"""Credentials passed as arguments, dict entries and defaults (all FAKE)."""
import boto3
import requests


def s3():
    return boto3.client(
        "s3",
        aws_access_key_id="AKIAFAKEPG2CR6OC7LFQ",
        aws_secret_access_key="rk8/9u6e8J+/s7RCbxZ0tBUYdtgQR39b2mAAYtHF",
    )


def github(token="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"):
    return requests.get("https://api.github.com/user", headers={"Authorization": f"token {token}"})


HEADERS = {"Authorization": "Bearer eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiRkFLRS1tb2F0LWNvcnB1cyIsICJpYXQiOiAxNzAwMDAwMDAwfQ.goqY_GP0Zx5BnnYi7fJBWxxPA3i46QE1vNN7r3m4nS-"}
CONFIG = {"client_secret": "axMMWbdLJENMCb9HEHcyPNB^E+W+2^oNNE9r78MP"}
BROKER = f"amqp://worker:DB5ETXErTqjKyvpL@rabbit.internal//{vhost}"
requests.post(url, auth=("deploy", "x"), data={"api_token": "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"})
