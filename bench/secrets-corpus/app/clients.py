"""Credentials passed as arguments, dict entries and defaults (all FAKE)."""
import boto3
import requests


def s3():
    return boto3.client(
        "s3",
        aws_access_key_id="AKIAFAKEIFQB3R3PG2CR",
        aws_secret_access_key="9Cf/wlHrk8/9u6e8J+/s7RCbxZ0tBUYdtgQR39bF",
    )


def github(token="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"):
    return requests.get("https://api.github.com/user", headers={"Authorization": f"token {token}"})


HEADERS = {"Authorization": "Bearer eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiRkFLRS1tb2F0LWNvcnB1cyIsICJpYXQiOiAxNzAwMDAwMDAwfQ.3jMFbzr23fgoqY_GP0Zx5BnnYi7fJBWxxPA3i46QE1v"}
CONFIG = {"client_secret": "FAKEnS=!6398JGsXQFaxMMWbdLJENMCb9HEHcyPN"}
BROKER = f"amqp://worker:FAKEtUVtDiBUN8gC@rabbit.internal//{vhost}"
requests.post(url, auth=("deploy", "x"), data={"api_token": "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"})
