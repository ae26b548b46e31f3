package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// chatClient calls an OpenAI-compatible chat-completions endpoint (OpenAI,
// DeepSeek, Qwen's DashScope, vLLM, Ollama, llama.cpp's server all speak
// it). Plain net/http: the one request and its answer are all we use.
type chatClient struct {
	http    *http.Client
	baseURL string // up to /v1
	model   string
	key     string // sent as a bearer token, never logged or shown
	timeout time.Duration
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model       string        `json:"model"`
	Messages    []chatMessage `json:"messages"`
	Temperature float64       `json:"temperature"`
	MaxTokens   int           `json:"max_tokens"`
}

type chatResponse struct {
	Choices []struct {
		Message struct {
			Content string `json:"content"`
			Refusal string `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// errRefused is an answer the endpoint refused to give (its refusal field,
// or a content filter).
var errRefused = errors.New("the model refused")

// complete sends the messages and returns the assistant's text. Errors
// name what failed (timeout, status, malformed answer) without the key or
// the endpoint's body, which may echo the request.
func (c *chatClient) complete(ctx context.Context, msgs []chatMessage) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	body, err := json.Marshal(chatRequest{Model: c.model, Messages: msgs, Temperature: 0, MaxTokens: 600})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/chat/completions", bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("bad endpoint address")
	}
	req.Header.Set("Content-Type", "application/json")
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	res, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("timeout after %d ms", c.timeout.Milliseconds())
		}
		return "", errors.New("endpoint unreachable")
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	switch {
	case err != nil && ctx.Err() != nil:
		return "", fmt.Errorf("timeout after %d ms", c.timeout.Milliseconds())
	case err != nil:
		return "", errors.New("answer cut off")
	case res.StatusCode/100 != 2:
		return "", fmt.Errorf("endpoint answered HTTP %d", res.StatusCode)
	}
	var cr chatResponse
	if err := json.Unmarshal(raw, &cr); err != nil || len(cr.Choices) == 0 {
		return "", errors.New("malformed answer")
	}
	ch := cr.Choices[0]
	if ch.Message.Refusal != "" || ch.FinishReason == "content_filter" {
		return "", errRefused
	}
	if strings.TrimSpace(ch.Message.Content) == "" {
		return "", errors.New("empty answer")
	}
	return ch.Message.Content, nil
}
