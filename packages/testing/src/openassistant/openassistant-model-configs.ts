/** `oasst_shared/model_configs.py` as of the archived repository: what `model_config_name` may be. */
export interface OpenAssistantModelConfig {
  readonly model_id: string;
  readonly max_input_length: number;
  readonly max_total_length: number;
  readonly quantized: boolean;
}

const llama30b = { max_input_length: 1024, max_total_length: 1792 } as const;
const long = { max_input_length: 1024, max_total_length: 2048 } as const;

function pair(
  name: string,
  quantizedName: string | undefined,
  config: Omit<OpenAssistantModelConfig, 'quantized'>,
): Array<[string, OpenAssistantModelConfig]> {
  const entries: Array<[string, OpenAssistantModelConfig]> = [[name, { ...config, quantized: false }]];
  if (quantizedName !== undefined) entries.push([quantizedName, { ...config, quantized: true }]);
  return entries;
}

export const openAssistantModelConfigs: ReadonlyMap<string, OpenAssistantModelConfig> = new Map([
  ...pair('_lorem', undefined, { model_id: '_lorem', max_input_length: 128, max_total_length: 256 }),
  ...pair('distilgpt2', undefined, { model_id: 'distilgpt2', max_input_length: 512, max_total_length: 1024 }),
  ...pair('OA_SFT_Pythia_12B', 'OA_SFT_Pythia_12Bq', { model_id: 'OpenAssistant/oasst-sft-1-pythia-12b', ...long }),
  ...pair('OA_SFT_Pythia_12B_4', 'OA_SFT_Pythia_12Bq_4', {
    model_id: 'OpenAssistant/oasst-sft-4-pythia-12b-epoch-3.5',
    ...long,
  }),
  ...pair('OA_SFT_Llama_7B', undefined, { model_id: 'OpenAssistant/oasst_sft_llama_7b_mask_1000', ...long }),
  ...pair('OA_SFT_Llama_13B', 'OA_SFT_Llama_13Bq', {
    model_id: 'OpenAssistant/oasst_sft_llama_13b_mask_1500',
    ...long,
  }),
  ...pair('OA_SFT_Llama_30B', 'OA_SFT_Llama_30Bq', {
    model_id: 'OpenAssistant/llama_30b_oasst_latcyr_1000',
    ...llama30b,
  }),
  ...pair('OA_SFT_Llama_30B_2', 'OA_SFT_Llama_30Bq_2', {
    model_id: 'OpenAssistant/llama_30b_oasst_latcyr_400',
    ...llama30b,
  }),
  ...pair('OA_SFT_Llama_30B_5', 'OA_SFT_Llama_30Bq_5', {
    model_id: 'OpenAssistant/oasst-sft-5-llama-30b-epoch-1',
    ...llama30b,
  }),
  ...pair('OA_SFT_Llama_30B_6', 'OA_SFT_Llama_30Bq_6', {
    model_id: 'OpenAssistant/oasst-sft-6-llama-30b',
    ...llama30b,
  }),
  ...pair('OA_SFT_Llama_30B_7', 'OA_SFT_Llama_30Bq_7', {
    model_id: 'OpenAssistant/oasst-sft-7-llama-30b',
    ...llama30b,
  }),
  ...pair('OA_SFT_Llama_30B_7e3', undefined, { model_id: 'OpenAssistant/oasst-sft-7e3-llama-30b', ...llama30b }),
  ...pair('OA_RLHF_Llama_30B_2_7k', undefined, {
    model_id: 'OpenAssistant/oasst-rlhf-2-llama-30b-7k-steps',
    ...llama30b,
  }),
  ...pair('Carper_RLHF_13B_1', 'Carper_RLHF_13Bq_1', { model_id: 'CarperAI/vicuna-13b-fine-tuned-rlhf', ...long }),
  ...pair('OA_SFT_Llama2_70B_10', undefined, {
    model_id: 'OpenAssistant/llama2-70b-oasst-sft-v10',
    max_input_length: 3072,
    max_total_length: 4096,
  }),
  ...pair('OA_SFT_CodeLlama_13B_10', undefined, {
    model_id: 'OpenAssistant/codellama-13b-oasst-sft-v10',
    max_input_length: 8192,
    max_total_length: 12288,
  }),
]);
